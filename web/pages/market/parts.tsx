import { Button, Input, List, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import { IP_TYPE_LABELS, type IpType, TRANSFORMATION_MODE_LABELS, type TransformationMode } from '../../../common/achievements';
import { districtName as commonDistrictName, isDistrictCode } from '../../../common/districts';
import type { Locale } from '../../../common/locale';
import { fieldName } from '../../../common/taxonomy';
import { api } from '../../api/client';
import { formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { type Explanation, type Fragment, MARKET_KEY, VERDICTS, type Verdict } from './service';

/** Highlighted text: fragments rendered as text nodes (never HTML), hits marked. */
export function Highlight({ parts }: { parts: Fragment[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: fragments have no identity besides their order
          <mark key={i} style={{ background: '#fff1b8', padding: 0 }}>
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

export const field = (code: string | null, locale: Locale) => (code ? fieldName(code, locale) : '—');
export const ipLabel = (ip: string, locale: Locale) => IP_TYPE_LABELS[ip as IpType]?.[locale === 'zh-CN' ? 'zh' : 'en'] ?? ip;
export const modeLabel = (m: string, locale: Locale) => TRANSFORMATION_MODE_LABELS[m as TransformationMode]?.[locale === 'zh-CN' ? 'zh' : 'en'] ?? m;
export const regionLabel = (code: string | null, locale: Locale) => (code && isDistrictCode(code) ? commonDistrictName(code, locale) : (code ?? '—'));
/** A price or budget in 万元; `negotiable` when there is none. */
export const price = (p: string | null, locale: Locale, negotiable: string) => formatMoney(p, locale, { unit: 'wan', empty: negotiable });

/** One search hit (a listing or a demand): the highlighted title as a link, the snippet, its tags and who posted it. */
export function SearchHit({ to, title, snippet, tags, by, testId }: { to: string; title: Fragment[]; snippet: Fragment[]; tags: ReactNode; by: ReactNode; testId: string }) {
  return (
    <List.Item data-testid={testId}>
      <List.Item.Meta
        title={
          <Link to={to}>
            <Highlight parts={title} />
          </Link>
        }
        description={
          <Space direction="vertical" size={2}>
            <Typography.Text>
              <Highlight parts={snippet} />
            </Typography.Text>
            <Space wrap size={4}>
              {tags}
              <Typography.Text type="secondary">{by}</Typography.Text>
            </Space>
          </Space>
        }
      />
    </List.Item>
  );
}

/** A match's score, green when it clears the match threshold. */
export function MatchScore({ score, threshold }: { score: number; threshold: number }) {
  const { t } = useI18n();
  return (
    <Tag color={score >= threshold ? 'green' : 'default'}>
      {t('market.match.score')} {score.toFixed(2)}
    </Tag>
  );
}

/** Why a match: its words (and through which synonym), what is not covered, and each structured factor. */
export function ExplanationView({ e }: { e: Explanation }) {
  const { t, locale } = useI18n();
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="match-explanation">
      <div>
        <Typography.Text type="secondary">{t('market.match.terms')}：</Typography.Text>
        {e.terms.map((x) => (
          <Tag key={x.term} color={x.via === 'exact' ? 'blue' : 'purple'} title={`+${x.contribution.toFixed(3)}`}>
            {x.via === 'exact' ? x.term : `${x.term} → ${x.matched}`}
            {x.via === 'synonym' && ` (${t('market.match.via')})`}
            {x.via === 'spelling' && ` (${t('market.match.spelling')})`}
          </Tag>
        ))}
      </div>
      {e.unmatched.length > 0 && (
        <Typography.Text type="secondary">
          {t('market.match.unmatched')}：{e.unmatched.join('、')}
        </Typography.Text>
      )}
      {e.fit.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('market.match.fit')}：</Typography.Text>
          {e.fit.map((f) => (
            <Tag key={f.feature} color={f.contribution >= 0 ? 'green' : 'orange'}>
              {locale === 'zh-CN' ? f.zh : f.en} ({f.contribution >= 0 ? '+' : ''}
              {f.contribution.toFixed(2)})
            </Tag>
          ))}
        </div>
      )}
    </Space>
  );
}

/** Structured feedback on one match of a demand. */
export function FeedbackButtons({ demandId, achievementId }: { demandId: string; achievementId: string }) {
  const { t, messages } = useI18n();
  const [note, setNote] = useState('');
  const [given, setGiven] = useState<Verdict | null>(null);
  const send = useApiMutation((verdict: Verdict) => api.post(`/market/demands/${demandId}/feedback`, { achievementId, verdict, ...(note.trim() ? { note: note.trim() } : {}) }), {
    invalidate: [MARKET_KEY],
    onSuccess: (_, verdict) => setGiven(verdict),
  });
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{given ? t('market.match.thanks') : t('market.match.feedback')}</Typography.Text>
      <Space wrap size={4}>
        {VERDICTS.map((v) => (
          <Button key={v} size="small" type={given === v ? 'primary' : 'default'} data-testid={`feedback-${v}`} loading={send.isPending && send.variables === v} onClick={() => send.mutate(v)}>
            {messages.market.match.verdicts[v]}
          </Button>
        ))}
      </Space>
      <Input size="small" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('market.match.notePlaceholder')} />
    </Space>
  );
}
