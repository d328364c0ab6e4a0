import { Alert, App, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  ATTRIBUTE_LABELS,
  ATTRIBUTES,
  IP_TYPE_LABELS,
  IP_TYPES,
  PRICING_METHOD_LABELS,
  PRICING_METHODS,
  PUBLICITY_MIN_DAYS,
  TRANSFORMATION_MODE_LABELS,
  TRANSFORMATION_MODES,
  TRL_LEVELS,
} from '../../../common/achievements';
import { ApiError } from '../../api/client';
import { errorText, feedback } from '../../lib/feedback';
import { businessToday } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { addDays, daysInclusive, labelOf } from './helpers';
import { type LedgerAction, useAchievementAction } from './service';
import type { Achievement } from '../../../common/api/achievements';
import { MoneyInput, moneyRule } from '../../components/money-input';
import { readMoney } from '../../lib/format';

/** Steps that need a reason; the first three also ask "are you sure?". */
const REASON_ACTIONS: readonly LedgerAction[] = ['withdraw', 'return', 'cancel_publicity', 'reopen', 'dispose'];
export const DESTRUCTIVE_ACTIONS: readonly LedgerAction[] = ['dispose', 'withdraw', 'return'];

const DATE = 'YYYY-MM-DD';
const day = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : undefined);

/** A price in 元 as MoneyInput gives it ("480000.00"), or undefined when left empty. */
const moneyOf = (v: string | undefined) => (v?.trim() ? (readMoney(v) ?? v) : undefined);

/** The body each action sends, from the modal's form values. */
function bodyOf(action: LedgerAction, v: Record<string, unknown>): Record<string, unknown> {
  if (REASON_ACTIONS.includes(action)) return { reason: String(v.reason ?? '').trim() };
  switch (action) {
    case 'assess':
      return { trl: v.trl, notes: (v.notes as string | undefined)?.trim() || undefined, attribute: v.attribute || undefined };
    case 'protect':
      return {
        ipType: v.ipType,
        applicationNo: String(v.applicationNo ?? '').trim(),
        filedOn: day(v.filedOn as Dayjs | undefined),
        grantedOn: day(v.grantedOn as Dayjs | undefined) ?? null,
        nextAnnuityDue: day(v.nextAnnuityDue as Dayjs | undefined) ?? null,
      };
    case 'price':
      return {
        pricingMethod: v.pricingMethod,
        agreedPrice: v.pricingMethod === 'agreement' ? moneyOf(v.agreedPrice as string) : null,
        askingPrice: v.negotiable ? null : (moneyOf(v.askingPrice as string) ?? undefined),
      };
    case 'start_publicity':
      return {
        startsOn: day(v.startsOn as Dayjs),
        endsOn: day(v.endsOn as Dayjs),
        objectionContact: (v.objectionContact as string | undefined)?.trim() || undefined,
      };
    case 'decide':
      return { transformationMode: v.transformationMode, note: (v.note as string | undefined)?.trim() || undefined };
    case 'complete':
      return {
        contractAmount: moneyOf(v.contractAmount as string),
        techContractRegNo: (v.techContractRegNo as string | undefined)?.trim() || undefined,
        note: (v.note as string | undefined)?.trim() || undefined,
      };
    default:
      return {};
  }
}

/**
 * One lifecycle step as a modal with the step's fields (common/achievements.ts TRANSITIONS);
 * disposal, withdrawal and return ask for confirmation first. Server field errors land on the
 * fields, the problem's `detail` above them.
 */
export function ActionModal({ achievement, action, onClose }: { achievement: Achievement; action: LedgerAction | null; onClose: () => void }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const priceRule = (required: boolean) => moneyRule({ required }, { invalid: t('achievements.validation.priceInvalid'), required: t('achievements.validation.priceRequired') });
  const { modal } = App.useApp();
  const [form] = Form.useForm();
  const mutation = useAchievementAction(achievement.id);
  const [problem, setProblem] = useState<string | null>(null);
  const pricingMethod = Form.useWatch('pricingMethod', form);
  const negotiable = Form.useWatch('negotiable', form);
  const startsOn = Form.useWatch('startsOn', form) as Dayjs | undefined;
  const endsOn = Form.useWatch('endsOn', form) as Dayjs | undefined;

  useEffect(() => {
    if (!action) return;
    setProblem(null);
    form.resetFields();
    const today = businessToday();
    form.setFieldsValue({
      trl: achievement.trl ?? undefined,
      attribute: achievement.attribute,
      ipType: achievement.ipType,
      applicationNo: achievement.ipNumbers[0] ?? '',
      filedOn: dayjs(today),
      pricingMethod: achievement.pricingMethod ?? 'agreement',
      agreedPrice: achievement.agreedPrice ?? achievement.askingPrice ?? '',
      askingPrice: achievement.askingPrice ?? '',
      negotiable: achievement.askingPrice === null,
      startsOn: dayjs(today),
      endsOn: dayjs(addDays(today, PUBLICITY_MIN_DAYS - 1)),
      transformationMode: achievement.transformationMode ?? achievement.cooperationModes[0] ?? 'license',
      contractAmount: achievement.agreedPrice ?? '',
    });
  }, [action, achievement, form]);

  if (!action) return null;
  const actionLabel = t(`achievements.actions.${action}`);

  const run = (values: Record<string, unknown>) => {
    setProblem(null);
    mutation.mutate(
      { action, body: bodyOf(action, values) },
      {
        onSuccess: () => {
          feedback.message?.success(t('achievements.actions.done', { action: actionLabel }));
          onClose();
        },
        onError: (error) => {
          setProblem(errorText(error, i18n));
          if (error instanceof ApiError && error.problem.errors?.length) {
            const names = new Set(Object.keys(form.getFieldsValue(true) as object));
            form.setFields(error.problem.errors.map((e) => ({ name: e.field.replace(/^(body|query|params)\./, '').split('.')[0] ?? '', errors: [e.message] })).filter((f) => names.has(f.name)));
          }
        },
      },
    );
  };

  const onOk = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (DESTRUCTIVE_ACTIONS.includes(action)) {
      modal.confirm({
        title: t('achievements.actions.confirmTitle', { action: actionLabel }),
        content: t('achievements.actions.confirmText'),
        okText: t('common.actions.confirm'),
        cancelText: t('common.actions.cancel'),
        okButtonProps: { danger: true },
        onOk: () => run(values),
        rootClassName: 'achievement-confirm',
      });
      return;
    }
    run(values);
  };

  const publicityDays = startsOn && endsOn ? daysInclusive(startsOn.format(DATE), endsOn.format(DATE)) : 0;

  return (
    <Modal
      open
      title={actionLabel}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      data-testid="action-modal"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.actions.cancel')}</Button>
          <Button type="primary" danger={DESTRUCTIVE_ACTIONS.includes(action)} loading={mutation.isPending} onClick={() => void onOk()} data-testid="action-ok">
            {actionLabel}
          </Button>
        </Flex>
      }
    >
      {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem} data-testid="action-problem" />}
      <Form form={form} layout="vertical" data-testid={`action-form-${action}`}>
        {action === 'submit' && <Typography.Paragraph>{t('achievements.actionForm.submitHint')}</Typography.Paragraph>}
        {action === 'accept' && <Typography.Paragraph>{t('achievements.actionForm.acceptHint')}</Typography.Paragraph>}
        {action === 'publish' && <Typography.Paragraph>{t('achievements.actionForm.publishHint')}</Typography.Paragraph>}
        {action === 'unpublish' && <Typography.Paragraph>{t('achievements.actionForm.unpublishHint')}</Typography.Paragraph>}

        {REASON_ACTIONS.includes(action) && (
          <Form.Item name="reason" label={t('achievements.actionForm.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('achievements.validation.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('achievements.actionForm.reasonPlaceholder')} data-testid="action-reason" />
          </Form.Item>
        )}

        {action === 'assess' && (
          <>
            <Form.Item name="trl" label={t('achievements.actionForm.trl')} rules={[{ required: true, message: t('achievements.actionForm.trlPlaceholder') }]}>
              <Select
                placeholder={t('achievements.actionForm.trlPlaceholder')}
                data-testid="action-trl"
                optionLabelProp="short"
                options={TRL_LEVELS.map((l) => ({
                  value: l.level,
                  short: `${t('achievements.actionForm.trlLevel', { level: l.level })} · ${labelOf(l, locale)}`,
                  label: (
                    <div data-testid={`trl-option-${l.level}`} style={{ whiteSpace: 'normal' }}>
                      <strong>{t('achievements.actionForm.trlLevel', { level: l.level })}</strong> {labelOf(l, locale)}
                    </div>
                  ),
                }))}
              />
            </Form.Item>
            <Form.Item name="attribute" label={t('achievements.actionForm.attribute')}>
              <Select options={ATTRIBUTES.map((k) => ({ value: k, label: labelOf(ATTRIBUTE_LABELS[k], locale) }))} />
            </Form.Item>
            <Form.Item name="notes" label={t('achievements.actionForm.notes')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="action-notes" />
            </Form.Item>
          </>
        )}

        {action === 'protect' && (
          <>
            <Form.Item name="ipType" label={t('achievements.actionForm.filingIpType')} rules={[{ required: true, message: t('achievements.validation.required') }]}>
              <Select options={IP_TYPES.map((k) => ({ value: k, label: labelOf(IP_TYPE_LABELS[k], locale) }))} />
            </Form.Item>
            <Form.Item name="applicationNo" label={t('achievements.actionForm.applicationNo')} rules={[{ required: true, whitespace: true, min: 3, message: t('achievements.validation.required') }]}>
              <Input maxLength={50} data-testid="action-applicationNo" />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item name="filedOn" label={t('achievements.actionForm.filedOn')}>
                <DatePicker format={DATE} />
              </Form.Item>
              <Form.Item name="grantedOn" label={t('achievements.actionForm.grantedOn')}>
                <DatePicker format={DATE} />
              </Form.Item>
              <Form.Item name="nextAnnuityDue" label={t('achievements.actionForm.nextAnnuityDue')} extra={t('achievements.actionForm.annuityHint')}>
                <DatePicker format={DATE} data-testid="action-annuity" />
              </Form.Item>
            </Flex>
          </>
        )}

        {action === 'price' && (
          <>
            <Form.Item name="pricingMethod" label={t('achievements.actionForm.pricingMethod')} rules={[{ required: true, message: t('achievements.validation.required') }]}>
              <Select options={PRICING_METHODS.map((k) => ({ value: k, label: labelOf(PRICING_METHOD_LABELS[k], locale) }))} data-testid="action-pricingMethod" />
            </Form.Item>
            {pricingMethod === 'agreement' && (
              <>
                <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('achievements.actionForm.agreementHint')} />
                <Form.Item name="agreedPrice" label={t('achievements.actionForm.agreedPrice')} rules={[priceRule(true)]}>
                  <MoneyInput style={{ maxWidth: 300 }} data-testid="action-agreedPrice" />
                </Form.Item>
              </>
            )}
            <Form.Item label={t('achievements.actionForm.askingPrice')}>
              <Flex gap={12} align="start" wrap>
                <Form.Item name="askingPrice" noStyle rules={[priceRule(false)]}>
                  <MoneyInput style={{ width: 260 }} disabled={!!negotiable} data-testid="action-askingPrice" />
                </Form.Item>
                <Form.Item name="negotiable" valuePropName="checked" noStyle>
                  <Checkbox>{t('achievements.fields.negotiable')}</Checkbox>
                </Form.Item>
              </Flex>
            </Form.Item>
          </>
        )}

        {action === 'start_publicity' && (
          <>
            <Alert
              type={publicityDays >= PUBLICITY_MIN_DAYS ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              title={t('achievements.actionForm.publicityRule', { days: PUBLICITY_MIN_DAYS, current: publicityDays })}
              data-testid="publicity-rule"
            />
            <Flex gap={12} wrap>
              <Form.Item name="startsOn" label={t('achievements.actionForm.startsOn')} rules={[{ required: true, message: t('achievements.validation.required') }]}>
                <DatePicker
                  format={DATE}
                  allowClear={false}
                  onChange={(d) => d && form.setFieldValue('endsOn', dayjs(addDays(d.format(DATE), PUBLICITY_MIN_DAYS - 1)))}
                  data-testid="action-startsOn"
                />
              </Form.Item>
              <Form.Item name="endsOn" label={t('achievements.actionForm.endsOn')} rules={[{ required: true, message: t('achievements.validation.required') }]}>
                <DatePicker format={DATE} allowClear={false} data-testid="action-endsOn" />
              </Form.Item>
            </Flex>
            <Form.Item name="objectionContact" label={t('achievements.actionForm.objectionContact')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}

        {action === 'decide' && (
          <>
            <Form.Item name="transformationMode" label={t('achievements.actionForm.transformationMode')} rules={[{ required: true, message: t('achievements.validation.required') }]}>
              <Select options={TRANSFORMATION_MODES.map((k) => ({ value: k, label: labelOf(TRANSFORMATION_MODE_LABELS[k], locale) }))} data-testid="action-transformationMode" />
            </Form.Item>
            <Form.Item name="note" label={t('achievements.actionForm.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}

        {action === 'complete' && (
          <>
            <Form.Item name="contractAmount" label={t('achievements.actionForm.contractAmount')} rules={[priceRule(true)]}>
              <MoneyInput style={{ maxWidth: 300 }} data-testid="action-contractAmount" />
            </Form.Item>
            <Form.Item name="techContractRegNo" label={t('achievements.actionForm.regNo')}>
              <Input maxLength={50} data-testid="action-regNo" />
            </Form.Item>
            <Form.Item name="note" label={t('achievements.actionForm.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
