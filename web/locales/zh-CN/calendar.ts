/** The working-day calendar (工作日历) overrides. */
const calendar = {
  title: '工作日历',
  intro: '到期日遇到非工作日会顺延到下一个工作日。系统内置国务院办公厅公布的节假日和调休安排；此处可以补充或更正某一天是否为工作日。',
  add: '新增调整',
  edit: '修改调整',
  fields: {
    day: '日期',
    isWorkday: '是否工作日',
    name: '说明',
  },
  placeholders: {
    name: '例如：国庆节 或 国庆调休上班',
  },
  validation: {
    dayRequired: '请选择日期',
    nameRequired: '请填写说明',
  },
  workday: '工作日',
  holiday: '休息日',
  deleteConfirm: '确定删除 {day} 的调整？删除后按内置日历计算。',
  saved: '已保存 {day} 的调整',
  deleted: '已删除 {day} 的调整',
  knownYears: '内置日历覆盖的年份：{years}',
  nextYearMissing: '内置日历尚无 {year} 年的节假日安排。国务院办公厅公布后，请在此录入 {year} 年的节假日和调休，或升级日历数据。',
};

export default calendar;
