import { useEffect } from 'react';

/** Sets the tab title to "Page · TextAI Studio" (screen readers announce it on navigation). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title === '' ? 'TextAI Studio' : `${title} · TextAI Studio`;
  }, [title]);
}
