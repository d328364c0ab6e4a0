/** Roles (common/roles.ts) and organisation kinds. */
const roles = {
  role: {
    researcher: '成果完成人',
    tto_officer: '科研管理部门',
    org_admin: '机构管理员',
    enterprise: '企业',
    broker: '技术经理人',
    operator: '平台运营',
    investor: '投资平台',
    bureau: '科技主管部门',
    admin: '系统管理员',
  },
  orgKind: {
    university: '高校',
    research_institute: '科研院所',
    hospital: '医疗卫生机构',
    new_rd_institution: '新型研发机构',
    state_owned_enterprise: '国有企业',
    enterprise: '企业',
    tech_transfer_agency: '技术转移机构',
    investment_platform: '投资平台',
    financial_institution: '金融机构',
    science_bureau: '科技主管部门',
  },
};

export default roles;
