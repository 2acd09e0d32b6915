export interface NavItem {
  to: string;
  label: string;
  /** Shown to admins only (the server checks the tier again on every admin call). */
  adminOnly?: boolean;
}

/** The main navigation, in the header on wide screens and behind the menu button on small ones. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Home' },
  { to: '/sentiment', label: 'Sentiment' },
  { to: '/summarize', label: 'Summarize' },
  { to: '/fake-news', label: 'Fake news' },
  { to: '/job-match', label: 'Job match' },
  { to: '/batch', label: 'Batch' },
  { to: '/history', label: 'History' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/settings', label: 'Settings' },
  { to: '/admin', label: 'Admin', adminOnly: true },
];
