import { Checkbox, Form } from 'antd';
import type { ReactNode } from 'react';

/** A yes/no form field as a checkbox with its label beside it: `<CheckField name="clearTitle">{label}</CheckField>`. */
export function CheckField({ name, children }: { name: string; children: ReactNode }) {
  return (
    <Form.Item name={name} valuePropName="checked">
      <Checkbox>{children}</Checkbox>
    </Form.Item>
  );
}
