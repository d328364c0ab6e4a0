import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { validateCreditCode } from '../../../common/credit-code';
import { ORG_KINDS } from '../../../common/roles';
import { districtName, useDistricts } from '../../api/reference';
import type { Org, OrgInput } from '../../api/types';
import { applyFieldErrors, feedback, showError } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { useOrg, useOrgList, useSaveOrg } from './service';

interface Values {
  kind: OrgInput['kind'];
  name: string;
  nameEn?: string;
  creditCode: string;
  district: string;
  parentId?: string | null;
  isActive?: boolean;
}

/**
 * Create or edit an organisation. The credit code is checked here with the same function the
 * server uses (common/credit-code.ts). Only administrators change kind, credit code and status.
 */
export function OrgFormModal({ open, org, isAdmin, onClose }: { open: boolean; org: Org | null; isAdmin: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const districts = useDistricts();
  const save = useSaveOrg(org?.id);
  const [parentSearch, setParentSearch] = useState('');
  const parents = useOrgList({ q: parentSearch || undefined, pageSize: 20 }, open);
  const currentParent = useOrg(open ? org?.parentId : null, true);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (org) {
      form.setFieldsValue({
        kind: org.kind,
        name: org.name,
        nameEn: org.nameEn ?? '',
        creditCode: org.creditCode,
        district: org.district,
        parentId: org.parentId,
        isActive: org.isActive,
      });
    }
  }, [open, org, form]);

  const parentOptions = useMemo(() => {
    const list = (parents.data?.items ?? []).filter((o) => o.id !== org?.id);
    if (currentParent.data && !list.some((o) => o.id === currentParent.data.id)) list.unshift(currentParent.data);
    return list.map((o) => ({ value: o.id, label: locale === 'en-US' && o.nameEn ? o.nameEn : o.name }));
  }, [parents.data, currentParent.data, org?.id, locale]);

  const submit = (v: Values) => {
    const checked = validateCreditCode(v.creditCode);
    const input: OrgInput = {
      kind: v.kind,
      name: v.name.trim(),
      nameEn: v.nameEn?.trim() ? v.nameEn.trim() : null,
      creditCode: checked.ok ? checked.normalized : v.creditCode,
      district: v.district,
      parentId: v.parentId ?? null,
    };
    let body: Partial<OrgInput> = input;
    if (org && !isAdmin) {
      // Organisation administrators may not send the fields only administrators change.
      const { kind: _k, creditCode: _c, ...rest } = input;
      body = rest;
    } else if (org) {
      body = { ...input, isActive: v.isActive };
    }
    save.mutate(body as OrgInput, {
      onSuccess: () => {
        feedback.message?.success(org ? t('orgs.updated') : t('orgs.created'));
        onClose();
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) showError(error);
      },
    });
  };

  const lockAdminFields = !!org && !isAdmin;

  return (
    <Modal
      open={open}
      title={org ? t('orgs.edit') : t('orgs.create')}
      okText={t('common.actions.save')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      width={640}
      data-testid="org-form-modal"
    >
      {lockAdminFields && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('orgs.adminOnlyFields')} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ isActive: true }}>
        <Form.Item name="kind" label={t('orgs.fields.kind')} rules={[{ required: true, message: t('orgs.validation.kindRequired') }]}>
          <Select
            disabled={lockAdminFields}
            placeholder={t('orgs.placeholders.kind')}
            options={ORG_KINDS.map((k) => ({ value: k, label: t(`roles.orgKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('orgs.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('orgs.validation.nameRequired') },
            { min: 2, max: 200, message: t('orgs.validation.nameLength') },
          ]}
        >
          <Input placeholder={t('orgs.placeholders.name')} maxLength={200} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('orgs.fields.nameEn')}>
          <Input placeholder={t('orgs.placeholders.nameEn')} maxLength={300} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('orgs.fields.creditCode')}
          validateFirst
          rules={[
            { required: true, whitespace: true, message: t('orgs.validation.creditCodeRequired') },
            {
              validator: (_, value: string | undefined) => {
                if (!value) return Promise.resolve();
                const result = validateCreditCode(value);
                if (result.ok) return Promise.resolve();
                return Promise.reject(new Error(locale === 'zh-CN' ? result.messageZh : result.messageEn));
              },
            },
          ]}
        >
          <Input disabled={lockAdminFields} placeholder={t('orgs.placeholders.creditCode')} maxLength={40} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="district" label={t('orgs.fields.district')} rules={[{ required: true, message: t('orgs.validation.districtRequired') }]}>
          <Select
            placeholder={t('orgs.placeholders.district')}
            loading={districts.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(districts.data ?? []).map((d) => ({ value: d.code, label: districtName(d.code, districts.data, locale) }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label={t('orgs.fields.parent')}>
          <Select
            allowClear
            placeholder={t('orgs.placeholders.parent')}
            loading={parents.isFetching}
            showSearch={{ filterOption: false, onSearch: setParentSearch }}
            options={parentOptions}
          />
        </Form.Item>
        {org && isAdmin && (
          <Form.Item name="isActive" label={t('orgs.fields.isActive')} valuePropName="checked">
            <Switch checkedChildren={t('common.states.active')} unCheckedChildren={t('common.states.inactive')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
