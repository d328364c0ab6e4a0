import { Card } from 'antd';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../lib/i18n';
import { AuctionTable } from '../deals/parts';

export default function AuctionsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader page="auctions" title={t('deals.auctions.title')} intro={t('deals.auctions.intro')} />
      <Card size="small">
        <AuctionTable />
      </Card>
    </>
  );
}
