import { Form, type FormInstance, type FormProps, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { applyFieldErrors, showError, wasShown } from '../lib/feedback';
import { useI18n } from '../lib/i18n';

export interface FormModalProps<V extends object> {
  open: boolean;
  title: ReactNode;
  /** Called with the validated values. When it resolves the modal closes; when it rejects the modal stays open with the error shown. */
  onSubmit: (values: V) => unknown | Promise<unknown>;
  /** Closing without saving (Cancel, ×, Esc), and after a successful submit. */
  onClose: () => void;
  /** The form's values each time the modal opens. */
  initialValues?: Partial<V>;
  /** The form instance, when the caller needs it (watching fields, or `useApiMutation(fn, { form })`). */
  form?: FormInstance<V>;
  /** The fields: <Form.Item>s. */
  children: ReactNode;
  okText?: ReactNode;
  width?: number | string;
  layout?: FormProps['layout'];
  /** data-testid of the modal; its OK button gets `<testId>-submit`. */
  testId?: string;
  /** Keep the OK button disabled (e.g. nothing to save yet). */
  okDisabled?: boolean;
  /** Keep the values of fields that are no longer shown (antd Form `preserve`). Default false: a hidden field sends nothing. */
  preserve?: boolean;
}

/**
 * The form in a modal: OK submits the form (Enter too), the button spins while onSubmit runs,
 * the modal closes when it resolves, and an API error lands on the matching fields or as the
 * standard notice (unless useApiMutation has shown it already). The form is fresh at each opening.
 *
 *   <FormModal open={open} title={t('x.add')} initialValues={{ kind: 'a' }} onClose={close} onSubmit={(v) => save.mutateAsync(v)}>
 *     <Form.Item name="amount" label={…} rules={[moneyRule]}><MoneyInput /></Form.Item>
 *   </FormModal>
 */
export function FormModal<V extends object>({
  open,
  title,
  onSubmit,
  onClose,
  initialValues,
  form: given,
  children,
  okText,
  width,
  layout = 'vertical',
  testId,
  okDisabled,
  preserve = false,
}: FormModalProps<V>) {
  const { t } = useI18n();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const [submitting, setSubmitting] = useState(false);
  // A form instance given by the caller outlives the modal's content: start it afresh at each opening
  // (later changes of initialValues must not overwrite what is being typed).
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const finish = async (values: V) => {
    setSubmitting(true);
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      if (!wasShown(error) && !applyFieldErrors(form, error) && !(error instanceof ApiError && error.status === 401)) showError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('common.actions.save')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={submitting}
      okButtonProps={{ disabled: okDisabled, ...(testId ? { 'data-testid': `${testId}-submit` } : {}) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid={testId}
    >
      <Form<V> form={form} layout={layout} initialValues={initialValues} preserve={preserve} onFinish={(v) => void finish(v)} autoComplete="off">
        {children}
      </Form>
    </Modal>
  );
}
