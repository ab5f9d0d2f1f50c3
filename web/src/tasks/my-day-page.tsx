import { ComingSoonPage } from '../shell/coming-soon-page';

export function MyDayPage() {
  return <ComingSoonPage view="myDay" />;
}
