import { ComingSoonPage } from '../shell/coming-soon-page';

export function SettingsPage() {
  return <ComingSoonPage view="settings" />;
}
