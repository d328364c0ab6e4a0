import { Card } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../lib/i18n';
import { RoomTable } from './parts';

/** Deal rooms where the caller's organisation is the firm or the holder, paged on the server. */
export default function DealsPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader page="deals" title={t('deals.title')} intro={t('deals.intro')} extra={<Link to="/auctions">{t('deals.auctions.title')}</Link>} />
      <Card size="small">
        <RoomTable />
      </Card>
    </>
  );
}
