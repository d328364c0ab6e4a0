import { Alert, Button, Card, DatePicker, Form, Input, List, Radio, Space, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Contract, Guarantee } from '../../../common/api/contracts';
import { feedback } from '../../lib/feedback';
import { businessToday } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { bilingualText } from './labels';
import { DATE_FORMAT } from './plan';
import { contractApi, fetchGuarantees, GUARANTEES_KEY, useContractMutation, useRegistrationCheck } from './service';
import { ConfirmButton } from '../../components/confirm-button';
import { FormModal } from '../../components/form-modal';
import { Money, MoneyInput, useMoneyRule } from '../../components/money-input';
import { PagedTable } from '../../components/paged-table';
import { creditCodeOf, useCreditCodeRules } from '../../lib/credit-code-rule';

/** Guarantors and insurers behind the contract; on default the office claims (先行赔付). */
export function GuaranteesTab({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const office = contract.myRoles.includes('licensor');
  const [addOpen, setAddOpen] = useState(false);
  const claim = useContractMutation((guaranteeId: string) => contractApi.claim(contract.id, guaranteeId), { success: t('contracts.guarantees.claimed') });

  return (
    <Card
      title={t('contracts.guarantees.title')}
      extra={
        office && (
          <Button onClick={() => setAddOpen(true)} data-testid="guarantee-add">
            {t('contracts.guarantees.add')}
          </Button>
        )
      }
    >
      <PagedTable<Guarantee>
        rowKey="id"
        queryKey={[...GUARANTEES_KEY, contract.id]}
        fetch={(q, signal) => fetchGuarantees(contract.id, q, signal)}
        scroll={{ x: 900 }}
        emptyText={t('contracts.guarantees.empty')}
        data-testid="guarantee-table"
        columns={[
          { title: t('contracts.guarantees.kind'), dataIndex: 'kind', width: 90, render: (k: Guarantee['kind']) => <Tag>{t(`contracts.guarantees.kinds.${k}`)}</Tag> },
          { title: t('contracts.guarantees.providerName'), dataIndex: 'providerName' },
          { title: t('contracts.guarantees.providerCreditCode'), dataIndex: 'providerCreditCode', width: 190, render: (c: string) => <span style={{ fontFamily: 'monospace' }}>{c}</span> },
          { title: t('contracts.guarantees.policyNo'), dataIndex: 'policyNo', width: 140 },
          { title: t('contracts.guarantees.coverLimit'), dataIndex: 'coverLimit', width: 130, align: 'right', render: (v: string) => <Money value={v} /> },
          { title: t('contracts.guarantees.claimedTotal'), dataIndex: 'claimedTotal', width: 120, align: 'right', render: (v: string) => <Money value={v} /> },
          { title: t('contracts.guarantees.remainingCover'), dataIndex: 'remainingCover', width: 130, align: 'right', render: (v: string) => <Money value={v} /> },
          ...(office
            ? [
                {
                  title: '',
                  key: 'claim',
                  width: 130,
                  render: (_: unknown, g: Guarantee) => (
                    <ConfirmButton
                      label={t('contracts.guarantees.claim')}
                      description={t('contracts.guarantees.claimConfirm', { name: g.providerName })}
                      onConfirm={() => claim.mutate(g.id)}
                      type="link"
                      size="small"
                      danger
                      testId={`guarantee-claim-${g.id}`}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {office && <GuaranteeModal open={addOpen} contract={contract} onClose={() => setAddOpen(false)} />}
    </Card>
  );
}

interface GuaranteeValues {
  kind: 'insurance' | 'guarantee';
  providerName: string;
  providerCreditCode: string;
  policyNo?: string;
  coverLimit: string;
}

function GuaranteeModal({ open, contract, onClose }: { open: boolean; contract: Contract; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<GuaranteeValues>();
  const add = useContractMutation((b: Parameters<typeof contractApi.addGuarantee>[1]) => contractApi.addGuarantee(contract.id, b), { form, success: t('contracts.guarantees.added') });
  const creditCodeRules = useCreditCodeRules(t('contracts.plan.required'));
  const moneyRule = useMoneyRule({ required: true, message: t('contracts.plan.moneyInvalid') });

  const submit = (v: GuaranteeValues) =>
    add.mutateAsync({
      kind: v.kind,
      providerName: v.providerName.trim(),
      providerCreditCode: creditCodeOf(v.providerCreditCode),
      coverLimit: v.coverLimit,
      ...(v.policyNo?.trim() ? { policyNo: v.policyNo.trim() } : {}),
    });

  return (
    <FormModal<GuaranteeValues> open={open} title={t('contracts.guarantees.add')} form={form} onSubmit={submit} onClose={onClose} initialValues={{ kind: 'insurance' }} testId="guarantee-modal">
      <Form.Item name="kind" label={t('contracts.guarantees.kind')}>
        <Radio.Group optionType="button" options={(['insurance', 'guarantee'] as const).map((k) => ({ value: k, label: t(`contracts.guarantees.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="providerName" label={t('contracts.guarantees.providerName')} rules={[{ required: true, whitespace: true, min: 2, message: t('contracts.plan.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="providerCreditCode" label={t('contracts.guarantees.providerCreditCode')} validateFirst rules={creditCodeRules}>
        <Input maxLength={40} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="policyNo" label={t('contracts.guarantees.policyNo')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="coverLimit" label={t('contracts.guarantees.coverLimit')} rules={[moneyRule]}>
        <MoneyInput />
      </Form.Item>
    </FormModal>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** 技术合同认定登记: the pre-check with its 30-day clock, the signed scan, and the number once granted. */
export function RegistrationTab({ contract }: { contract: Contract }) {
  const { t, locale } = useI18n();
  const office = contract.myRoles.includes('licensor');
  const check = useRegistrationCheck(contract.id);
  const [form] = Form.useForm<{ registrationNo: string; registeredOn: Dayjs }>();
  const register = useContractMutation((b: { registrationNo: string; registeredOn: string }) => contractApi.register(contract.id, b), {
    form,
    success: t('contracts.registration.saved'),
  });
  const upload = useContractMutation((b: { filename: string; dataBase64: string }) => contractApi.uploadScan(contract.id, b), { success: t('contracts.registration.scanUploaded') });
  const canRegister = office && ['signed', 'in_force'].includes(contract.status);
  const c = check.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('contracts.registration.title')} loading={check.isPending} data-testid="registration-check">
        {c && (
          <>
            <Alert
              type={c.registrationNo ? 'success' : c.ready ? 'success' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={c.registrationNo ? t('contracts.registration.recorded', { number: c.registrationNo }) : c.ready ? t('contracts.registration.ready') : t('contracts.registration.notReady')}
            />
            <List
              size="small"
              dataSource={c.items}
              renderItem={(item, i) => (
                <List.Item data-testid={`registration-item-${i}`} data-ok={String(item.ok)}>
                  <Space>
                    <Tag color={item.ok ? 'green' : 'red'}>{item.ok ? '✓' : '✗'}</Tag>
                    <Typography.Text>{bilingualText(item, locale)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
      <Card title={t('contracts.registration.scan')} size="small">
        <Space wrap>
          <Tag color={contract.hasSignedScan ? 'green' : 'default'}>{contract.hasSignedScan ? t('contracts.registration.scanPresent') : t('contracts.registration.scanMissing')}</Tag>
          {office && (
            <Upload
              accept=".pdf,.jpg,.jpeg,.png"
              showUploadList={false}
              beforeUpload={(file) => {
                if (file.size > 10 * 1024 * 1024) {
                  feedback.message?.error(t('contracts.registration.scanTooLarge'));
                  return Upload.LIST_IGNORE;
                }
                void readBase64(file).then((dataBase64) => upload.mutate({ filename: file.name, dataBase64 }));
                return false;
              }}
            >
              <Button loading={upload.isPending}>{t('contracts.registration.scanUpload')}</Button>
            </Upload>
          )}
        </Space>
      </Card>
      {office && (
        <Card title={t('contracts.registration.record')} size="small">
          {!canRegister && <Alert type="info" showIcon title={t('contracts.registration.onlyAfterSigning')} style={{ marginBottom: 12 }} />}
          <Form
            form={form}
            layout="inline"
            disabled={!canRegister}
            initialValues={{ registeredOn: dayjs(businessToday()) }}
            onFinish={(v) => register.mutate({ registrationNo: v.registrationNo.trim(), registeredOn: v.registeredOn.format(DATE_FORMAT) })}
          >
            <Form.Item name="registrationNo" label={t('contracts.registration.number')} rules={[{ required: true, whitespace: true, min: 4, message: t('contracts.plan.required') }]}>
              <Input maxLength={50} data-testid="registration-number" />
            </Form.Item>
            <Form.Item name="registeredOn" label={t('contracts.registration.registeredOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="registration-submit">
                {t('common.actions.save')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
    </Space>
  );
}
