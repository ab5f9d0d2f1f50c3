import { ComingSoonPage } from '../shell/coming-soon-page';

export function ImportPage() {
  return <ComingSoonPage view="import" />;
}
