import { ComingSoonPage } from '../shell/coming-soon-page';

export function TrustPage() {
  return <ComingSoonPage view="trust" />;
}
