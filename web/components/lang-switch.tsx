import { Button } from 'antd';
import { useI18n } from '../lib/i18n';
import { GlobeIcon } from './icons';

/** Switches between 中文 and English; the choice is remembered in this browser. */
export function LangSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      type={type}
      data-testid="lang-switch"
      icon={<GlobeIcon />}
      title={t('common.switchLanguageTitle')}
      lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
    >
      {t('common.switchLanguage')}
    </Button>
  );
}
