import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Radio, Space, Table, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CalendarOverride, Overrides } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { applyFieldErrors, feedback, showError } from '../../lib/feedback';
import { businessToday } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

const CALENDAR_KEY = ['calendar', 'overrides'] as const;

interface Values {
  day: Dayjs;
  isWorkday: boolean;
  name: string;
}

/** Working-day calendar: administrators add or correct days the built-in holiday data gets wrong or lacks. */
export default function CalendarPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<CalendarOverride | 'new' | null>(null);

  const overrides = useQuery({
    queryKey: CALENDAR_KEY,
    queryFn: ({ signal }) => api.get<Overrides>('/calendar/overrides', undefined, signal),
  });

  const save = useMutation({
    mutationFn: (v: { day: string; isWorkday: boolean; name: string }) =>
      api.put<CalendarOverride>(`/calendar/overrides/${v.day}`, { isWorkday: v.isWorkday, name: v.name }),
    meta: { silent: true },
    onSuccess: (_, v) => {
      feedback.message?.success(t('calendar.saved', { day: v.day }));
      setEditing(null);
      return queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error)) showError(error);
    },
  });

  const remove = useMutation({
    mutationFn: (day: string) => api.delete(`/calendar/overrides/${day}`),
    onSuccess: (_, day) => {
      feedback.message?.success(t('calendar.deleted', { day }));
      return queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
    },
  });

  const open = (item: CalendarOverride | 'new') => {
    setEditing(item);
    form.resetFields();
    if (item !== 'new') form.setFieldsValue({ day: dayjs(item.day), isWorkday: item.isWorkday, name: item.name });
  };

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
    {
      title: '',
      key: 'actions',
      width: 150,
      render: (_, item) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => open(item)}>
            {t('common.actions.edit')}
          </Button>
          <Popconfirm
            title={t('calendar.deleteConfirm', { day: item.day })}
            okText={t('common.actions.delete')}
            cancelText={t('common.actions.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(item.day)}
          >
            <Button type="link" size="small" danger>
              {t('common.actions.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader page="calendar"
        title={t('calendar.title')}
        intro={t('calendar.intro')}
        extra={
          <Button type="primary" onClick={() => open('new')} data-testid="calendar-add">
            {t('calendar.add')}
          </Button>
        }
      />
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
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('calendar.add') : t('calendar.edit')}
        okText={t('common.actions.save')}
        cancelText={t('common.actions.cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ isWorkday: false }}
          onFinish={(v) => save.mutate({ day: v.day.format('YYYY-MM-DD'), isWorkday: v.isWorkday, name: v.name.trim() })}
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
        </Form>
      </Modal>
    </>
  );
}
