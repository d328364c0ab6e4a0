import type zhCN from './zh-CN';

/** The shape of one language's texts: zh-CN is the reference. */
export type Messages = typeof zhCN;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every dotted key of the texts, e.g. `orgs.fields.creditCode`. */
export type MessageKey = Leaves<Messages>;

export type Vars = Record<string, string | number>;
