import { ComingSoonPage } from '../shell/coming-soon-page';

export function AccountPage() {
  return <ComingSoonPage view="account" />;
}
