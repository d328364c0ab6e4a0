import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Table, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CalendarOverride, Overrides } from '../../api/types';
import { RowConfirmButton } from '../../components/confirm-button';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { actionsColumn } from '../../components/row-actions';
import { businessToday } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';

const CALENDAR_KEY = ['calendar', 'overrides'] as const;

interface Values {
  day: Dayjs;
  isWorkday: boolean;
  name: string;
}

/** Working-day calendar: administrators add or correct days the built-in holiday data gets wrong or lacks. */
export default function CalendarPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<CalendarOverride | 'new' | null>(null);

  const overrides = useQuery({
    queryKey: CALENDAR_KEY,
    queryFn: ({ signal }) => api.get<Overrides>('/calendar/overrides', undefined, signal),
  });

  const save = useApiMutation((v: { day: string; isWorkday: boolean; name: string }) => api.put<CalendarOverride>(`/calendar/overrides/${v.day}`, { isWorkday: v.isWorkday, name: v.name }), {
    form,
    invalidate: [CALENDAR_KEY],
    success: (_, v) => t('calendar.saved', { day: v.day }),
  });
  const remove = useApiMutation((day: string) => api.delete(`/calendar/overrides/${day}`), { invalidate: [CALENDAR_KEY], success: (_, day) => t('calendar.deleted', { day }) });

  const thisYear = Number(businessToday().slice(0, 4));
  const nextYear = thisYear + 1;
  const knownYears = overrides.data?.knownYears ?? [];

  const columns: TableColumnsType<CalendarOverride> = [
    { title: t('calendar.fields.day'), dataIndex: 'day', width: 130 },
    {
      title: t('calendar.fields.isWorkday'),
      dataIndex: 'isWorkday',
      width: 120,
      render: (w: boolean) => <Tag color={w ? 'blue' : 'orange'}>{w ? t('calendar.workday') : t('calendar.holiday')}</Tag>,
    },
    { title: t('calendar.fields.name'), dataIndex: 'name' },
    actionsColumn<CalendarOverride>(
      (item) => (
        <>
          <Button type="link" size="small" onClick={() => setEditing(item)}>
            {t('common.actions.edit')}
          </Button>
          <RowConfirmButton title={t('calendar.deleteConfirm', { day: item.day })} onConfirm={() => remove.mutateAsync(item.day)}>
            {t('common.actions.delete')}
          </RowConfirmButton>
        </>
      ),
      { width: 150, fixed: false },
    ),
  ];

  return (
    <>
      <PageHeader page="calendar" title={t('calendar.title')} intro={t('calendar.intro')} action={{ label: t('calendar.add'), onClick: () => setEditing('new'), testId: 'calendar-add' }} />
      {overrides.data && !knownYears.includes(nextYear) && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('calendar.nextYearMissing', { year: nextYear })} data-testid="calendar-next-year-warning" />
      )}
      <Card extra={knownYears.length > 0 ? t('calendar.knownYears', { years: knownYears.join(', ') }) : undefined}>
        <Table<CalendarOverride>
          rowKey="day"
          size="middle"
          columns={columns}
          dataSource={[...(overrides.data?.items ?? [])].sort((a, b) => a.day.localeCompare(b.day))}
          loading={overrides.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 600 }}
          locale={{ emptyText: t('common.states.empty') }}
        />
      </Card>
      <FormModal<Values>
        open={editing !== null}
        title={editing === 'new' ? t('calendar.add') : t('calendar.edit')}
        form={form}
        initialValues={editing && editing !== 'new' ? { day: dayjs(editing.day), isWorkday: editing.isWorkday, name: editing.name } : { isWorkday: false }}
        onClose={() => setEditing(null)}
        onSubmit={(v) => save.mutateAsync({ day: v.day.format('YYYY-MM-DD'), isWorkday: v.isWorkday, name: v.name.trim() })}
      >
        <Form.Item name="day" label={t('calendar.fields.day')} rules={[{ required: true, message: t('calendar.validation.dayRequired') }]}>
          <DatePicker style={{ width: '100%' }} disabled={editing !== 'new'} />
        </Form.Item>
        <Form.Item name="isWorkday" label={t('calendar.fields.isWorkday')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: t('calendar.workday') },
              { value: false, label: t('calendar.holiday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.fields.name')} rules={[{ required: true, whitespace: true, message: t('calendar.validation.nameRequired') }]}>
          <Input placeholder={t('calendar.placeholders.name')} maxLength={100} />
        </Form.Item>
      </FormModal>
    </>
  );
}
