import { Alert, Button, Checkbox, Flex, Modal, Progress, Radio, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { errorText } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { exportUrl, importFormatOf, importPercent, isImportFinished, type LedgerFilters } from './helpers';
import { fileToBase64, useImportJob, useStartImport } from './service';
import type { ImportJob, ImportMode } from '../../../common/api/achievements';

/** Export links: the API streams the file with the ledger's current filters. */
export function ExportButtons({ orgId, filters }: { orgId: string; filters: LedgerFilters }) {
  const { t } = useI18n();
  return (
    <>
      <Button href={exportUrl(orgId, 'xlsx', filters)} download data-testid="export-xlsx">
        {t('achievements.exchange.exportXlsx')}
      </Button>
      <Button href={exportUrl(orgId, 'jsonl', filters)} download data-testid="export-jsonl">
        {t('achievements.exchange.exportJsonl')}
      </Button>
    </>
  );
}

interface PickedFile {
  filename: string;
  format: 'xlsx' | 'jsonl';
  dataBase64: string;
}

/** Import: upload a .xlsx or .jsonl file, follow its progress, read the row-by-row report. */
export function ImportButton({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="import-open">
        {t('achievements.exchange.import')}
      </Button>
      {open && <ImportModal orgId={orgId} onClose={() => setOpen(false)} />}
    </>
  );
}

function ImportModal({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [file, setFile] = useState<PickedFile | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [publish, setPublish] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const start = useStartImport(orgId);
  const job = useImportJob(orgId, importId);
  const current: ImportJob | undefined = job.data ?? start.data;
  const finished = current ? isImportFinished(current.status) : false;

  const begin = (m: ImportMode) => {
    if (!file) return;
    setMode(m);
    setImportId(null);
    start.mutate({ ...file, mode: m, publish }, { onSuccess: (j) => setImportId(j.id) });
  };

  const startError = start.error ? errorText(start.error, i18n) : null;
  const errorsInReport = current?.report.filter((r) => r.level !== 'warning').length ?? 0;

  return (
    <Modal open title={t('achievements.exchange.importTitle')} onCancel={onClose} footer={null} width={760} destroyOnHidden data-testid="import-modal">
      <Typography.Paragraph type="secondary">{t('achievements.exchange.importHint')}</Typography.Paragraph>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Upload
          accept=".xlsx,.jsonl,.ndjson"
          showUploadList={false}
          beforeUpload={(f) => {
            const format = importFormatOf(f.name);
            if (!format) {
              setFileProblem(t('achievements.exchange.badFormat'));
              return false;
            }
            setFileProblem(null);
            void fileToBase64(f).then((dataBase64) => setFile({ filename: f.name, format, dataBase64 }));
            setImportId(null);
            start.reset();
            return false;
          }}
        >
          <Button data-testid="import-file">{t('achievements.exchange.chooseFile')}</Button>
        </Upload>
        {file && <Typography.Text data-testid="import-filename">{file.filename}</Typography.Text>}
      </Flex>
      {fileProblem && <Alert type="error" showIcon title={fileProblem} style={{ marginBottom: 12 }} />}
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('achievements.exchange.mode')}</Typography.Text>
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            options={[
              { value: 'all_or_nothing', label: t('achievements.exchange.modeAll') },
              { value: 'valid_only', label: t('achievements.exchange.modeValid') },
            ]}
          />
        </Flex>
        <Checkbox checked={publish} onChange={(e) => setPublish(e.target.checked)}>
          {t('achievements.exchange.publish')}
        </Checkbox>
      </Flex>
      <Flex justify="flex-end" gap={8} style={{ margin: '12px 0' }}>
        <Button type="primary" disabled={!file || (!!current && !finished)} loading={start.isPending} onClick={() => begin(mode)} data-testid="import-start">
          {t('achievements.exchange.start')}
        </Button>
      </Flex>
      {startError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={startError}
          description={start.error instanceof ApiError ? start.error.problem.errors?.map((e) => `${e.field}: ${e.message}`).join('\n') : undefined}
        />
      )}
      {current && (
        <div data-testid="import-progress" data-status={current.status}>
          <Flex gap={8} align="center" wrap>
            <Tag color={current.status === 'completed' ? 'green' : current.status === 'rejected' || current.status === 'failed' ? 'red' : 'blue'}>
              {t(`achievements.exchange.status.${current.status}`)}
            </Tag>
            <Typography.Text type="secondary">{t('achievements.exchange.rows', { processed: current.processedRows, total: current.totalRows, imported: current.importedRows })}</Typography.Text>
          </Flex>
          <Progress percent={finished ? 100 : importPercent(current.processedRows, current.totalRows)} status={current.status === 'completed' ? 'success' : finished ? 'exception' : 'active'} />
          {current.status === 'rejected' && mode === 'all_or_nothing' && errorsInReport > 0 && (
            <Flex justify="flex-end" style={{ margin: '8px 0' }}>
              <Button onClick={() => begin('valid_only')} data-testid="import-valid-only">
                {t('achievements.exchange.importValidOnly')}
              </Button>
            </Flex>
          )}
          {current.report.length > 0 && (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              dataSource={current.report}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              title={() => t('achievements.exchange.report')}
              data-testid="import-report"
              columns={[
                { title: t('achievements.exchange.row'), dataIndex: 'row', width: 70, render: (r: number | null) => r ?? t('achievements.exchange.wholeFile') },
                { title: t('achievements.exchange.column'), dataIndex: 'column', width: 140, render: (c: string | null) => c ?? '—' },
                {
                  title: t('achievements.exchange.level'),
                  dataIndex: 'level',
                  width: 80,
                  render: (l: string | undefined) => (l === 'warning' ? <Tag color="gold">{t('achievements.exchange.warning')}</Tag> : <Tag color="red">{t('achievements.exchange.error')}</Tag>),
                },
                { title: t('achievements.exchange.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
