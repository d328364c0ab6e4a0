import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { IP_TYPE_LABELS, IP_TYPES, STATUS_LABELS, STATUSES, VISIBILITIES, VISIBILITY_LABELS } from '../../../common/achievements';
import { FIELDS } from '../../../common/taxonomy';
import { PageHeader } from '../../components/page-header';
import { feedback } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { ExportButtons, ImportButton } from './exchange';
import { filtersFromQuery, filtersToQuery, labelOf, type LedgerFilters, shanghaiDate } from './helpers';
import { fieldLabel, Headline, VisibilityTag } from './labels';
import { useAchievementList, useDeleteFilter, useSavedFilters, useSaveFilter } from './service';
import type { ListItem, ListSortKey } from '../../../common/api/achievements';
import { StatusTag } from '../../components/status-tag';
import { Money } from '../../components/money-input';

const PAGE_SIZE = 20;

/**
 * The office's ledger (成果台账): server-side paging and sorting, Chinese full-text search with
 * highlighted excerpts, filters that can be saved, export with the current filters, and import.
 */
export default function LedgerPage({ orgId }: { orgId: string }) {
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<LedgerFilters>({});
  const [searchText, setSearchText] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [sort, setSort] = useState<{ sort: ListSortKey; order: 'asc' | 'desc' }>({ sort: 'updatedAt', order: 'desc' });
  const list = useAchievementList(orgId, { ...filters, ...sort, page, pageSize });
  const saved = useSavedFilters(orgId);
  const saveFilter = useSaveFilter(orgId);
  const deleteFilter = useDeleteFilter(orgId);
  const [selectedSaved, setSelectedSaved] = useState<string | undefined>();
  const [saveOpen, setSaveOpen] = useState(false);
  const [saveForm] = Form.useForm<{ name: string }>();

  const update = (patch: Partial<LedgerFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
    setSelectedSaved(undefined);
  };

  const fieldOptions = useMemo(() => FIELDS.map((f) => ({ value: f.code, label: locale === 'zh-CN' ? f.zh : f.en })), [locale]);

  const columns: TableColumnsType<ListItem> = [
    {
      title: t('achievements.fields.number'),
      dataIndex: 'number',
      key: 'number',
      width: 150,
      sorter: true,
      sortOrder: sort.sort === 'number' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (n: string, a) => (
        <Link to={`/achievements/${a.id}`} style={{ fontFamily: 'monospace' }}>
          {n}
        </Link>
      ),
    },
    {
      title: t('achievements.fields.title'),
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: sort.sort === 'title' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (title: string, a) => (
        <div>
          <Link to={`/achievements/${a.id}`} data-testid="achievement-link" data-id={a.id}>
            {title}
          </Link>
          {a.headline && (
            <div>
              <Headline text={a.headline} />
            </div>
          )}
          {a.completerNames.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {a.completerNames.join(locale === 'zh-CN' ? '、' : ', ')}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('achievements.fields.field'), dataIndex: 'fieldCode', width: 130, render: (f: string) => fieldLabel(f, null, locale) },
    { title: t('achievements.fields.ipType'), dataIndex: 'ipType', width: 120, render: (k: ListItem['ipType']) => labelOf(IP_TYPE_LABELS[k], locale, k) },
    {
      title: t('achievements.fields.trl'),
      dataIndex: 'trl',
      key: 'trl',
      width: 100,
      align: 'center',
      sorter: true,
      sortOrder: sort.sort === 'trl' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('achievements.fields.price'),
      key: 'price',
      width: 130,
      align: 'right',
      render: (_, a) => (a.agreedPrice ? <Money value={a.agreedPrice} /> : a.askingPrice ? <Money value={a.askingPrice} /> : t('achievements.fields.negotiable')),
    },
    {
      title: t('achievements.fields.status'),
      dataIndex: 'status',
      key: 'status',
      width: 110,
      sorter: true,
      sortOrder: sort.sort === 'status' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (s: ListItem['status']) => <StatusTag kind="achievement" value={s} />,
    },
    { title: t('achievements.fields.visibility'), dataIndex: 'visibility', width: 90, render: (v: ListItem['visibility']) => <VisibilityTag visibility={v} locale={locale} /> },
    {
      title: t('achievements.fields.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 150,
      sorter: true,
      sortOrder: sort.sort === 'updatedAt' ? (sort.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (v: string) => shanghaiDate(v, true),
    },
  ];

  const applySaved = (id: string | undefined) => {
    setSelectedSaved(id);
    const f = saved.data?.items.find((s) => s.id === id);
    if (!f) return;
    const next = filtersFromQuery(f.query);
    setFilters(next);
    setSearchText(next.q ?? '');
    setPage(1);
  };

  return (
    <>
      <PageHeader
        page="achievements"
        title={t('achievements.ledgerTitle')}
        intro={t('achievements.ledgerIntro')}
        extra={
          <Space wrap>
            <ImportButton orgId={orgId} />
            <ExportButtons orgId={orgId} filters={filters} />
            <Button type="primary" onClick={() => navigate('/achievements/new')} data-testid="achievement-new">
              {t('achievements.disclose')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="ledger-filters">
          <Input.Search
            allowClear
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            placeholder={t('achievements.placeholders.search')}
            style={{ width: 320, maxWidth: '100%' }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="ledger-search"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('achievements.filters.allFields')}
            style={{ width: 180 }}
            value={filters.fieldCode}
            onChange={(v) => update({ fieldCode: v })}
            options={fieldOptions}
            data-testid="filter-field"
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('achievements.placeholders.status')}
            style={{ width: 220 }}
            value={filters.status ?? []}
            onChange={(v: string[]) => update({ status: v.length ? v : undefined })}
            options={STATUSES.map((s) => ({ value: s, label: labelOf(STATUS_LABELS[s], locale) }))}
            data-testid="filter-status"
          />
          <Space.Compact>
            <InputNumber
              min={1}
              max={9}
              precision={0}
              placeholder={t('achievements.placeholders.trlMin')}
              style={{ width: 110 }}
              value={filters.trlMin ?? null}
              onChange={(v) => update({ trlMin: v ?? undefined })}
              data-testid="filter-trl-min"
            />
            <InputNumber
              min={1}
              max={9}
              precision={0}
              placeholder={t('achievements.placeholders.trlMax')}
              style={{ width: 80 }}
              value={filters.trlMax ?? null}
              onChange={(v) => update({ trlMax: v ?? undefined })}
              data-testid="filter-trl-max"
            />
          </Space.Compact>
          <Select
            allowClear
            placeholder={t('achievements.placeholders.ipType2')}
            style={{ width: 160 }}
            value={filters.ipType}
            onChange={(v) => update({ ipType: v })}
            options={IP_TYPES.map((k) => ({ value: k, label: labelOf(IP_TYPE_LABELS[k], locale) }))}
          />
          <Select
            allowClear
            placeholder={t('achievements.placeholders.visibility')}
            style={{ width: 120 }}
            value={filters.visibility}
            onChange={(v) => update({ visibility: v })}
            options={VISIBILITIES.map((k) => ({ value: k, label: labelOf(VISIBILITY_LABELS[k], locale) }))}
          />
          <DatePicker.RangePicker
            format="YYYY-MM-DD"
            allowEmpty={[true, true]}
            placeholder={[t('achievements.filters.dateRange'), '']}
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
          <Button
            onClick={() => {
              setFilters({});
              setSearchText('');
              setPage(1);
              setSelectedSaved(undefined);
            }}
          >
            {t('achievements.filters.clear')}
          </Button>
        </Flex>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('achievements.filters.saved')}
            value={selectedSaved}
            onChange={applySaved}
            notFoundContent={t('achievements.filters.noSaved')}
            options={(saved.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="saved-filters"
          />
          <Button onClick={() => setSaveOpen(true)} data-testid="save-filter">
            {t('achievements.filters.saveAs')}
          </Button>
          {selectedSaved && (
            <Button
              danger
              type="link"
              onClick={() =>
                modal.confirm({
                  title: t('achievements.filters.deleteSaved'),
                  okButtonProps: { danger: true },
                  okText: t('common.actions.delete'),
                  cancelText: t('common.actions.cancel'),
                  onOk: () =>
                    deleteFilter.mutateAsync(selectedSaved).then(() => {
                      setSelectedSaved(undefined);
                      feedback.message?.success(t('achievements.filters.deletedOk'));
                    }),
                })
              }
            >
              {t('achievements.filters.deleteSaved')}
            </Button>
          )}
          <Typography.Text type="secondary" style={{ marginLeft: 'auto' }} data-testid="ledger-total">
            {t(list.data?.totalCapped ? 'achievements.filters.totalCapped' : 'achievements.filters.total', { total: list.data?.total ?? 0 })}
          </Typography.Text>
        </Flex>
        <Table<ListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1150 }}
          locale={{ emptyText: t('common.states.empty') }}
          data-testid="ledger-table"
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            if (s?.order && s.columnKey) setSort({ sort: s.columnKey as ListSortKey, order: s.order === 'ascend' ? 'asc' : 'desc' });
            else setSort({ sort: 'updatedAt', order: 'desc' });
            if (pagination.pageSize && pagination.pageSize !== pageSize) {
              setPageSize(pagination.pageSize);
              setPage(1);
            } else setPage(pagination.current ?? 1);
          }}
        />
      </Card>
      <Modal
        open={saveOpen}
        title={t('achievements.filters.saveAs')}
        okText={t('common.actions.save')}
        cancelText={t('common.actions.cancel')}
        confirmLoading={saveFilter.isPending}
        onCancel={() => setSaveOpen(false)}
        onOk={() => saveForm.submit()}
        destroyOnHidden
      >
        <Form
          form={saveForm}
          layout="vertical"
          onFinish={(v) =>
            saveFilter.mutate(
              { name: v.name.trim(), query: filtersToQuery(filters) },
              {
                onSuccess: (data) => {
                  feedback.message?.success(t('achievements.filters.savedOk'));
                  setSaveOpen(false);
                  setSelectedSaved(data.items.find((s) => s.name === v.name.trim())?.id);
                },
              },
            )
          }
        >
          <Form.Item name="name" label={t('achievements.filters.saveName')} rules={[{ required: true, whitespace: true, message: t('achievements.validation.required') }]}>
            <Input maxLength={50} placeholder={t('achievements.filters.saveNamePlaceholder')} data-testid="save-filter-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
