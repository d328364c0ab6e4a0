import { Card } from 'antd';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../lib/i18n';
import { AuctionTable } from '../deals/achievement';
import { useAuctions } from '../deals/service';

export default function AuctionsPage() {
  const { t } = useI18n();
  const auctions = useAuctions();
  return (
    <>
      <PageHeader page="auctions" title={t('deals.auctions.title')} intro={t('deals.auctions.intro')} />
      <Card size="small">
        <AuctionTable items={auctions.data?.items ?? []} />
      </Card>
    </>
  );
}
