import { MantineProvider } from '@mantine/core';
import { lazy, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/auth-provider.tsx';
import { AppLayout } from './components/app-layout.tsx';
import HomePage from './pages/home-page.tsx';
import { ServerConfigProvider } from './server-config/server-config-provider.tsx';
import { colorSchemeManager, theme } from './theme.ts';

// Every page but the home page is its own chunk, kept out of the first page's JavaScript.
const pages = {
  login: () => import('./pages/login-page.tsx'),
  signup: () => import('./pages/signup-page.tsx'),
  resetPassword: () => import('./pages/reset-password-page.tsx'),
  forgotPassword: () => import('./pages/forgot-password-page.tsx'),
  sentiment: () => import('./pages/sentiment-page.tsx'),
  summarize: () => import('./pages/summarize-page.tsx'),
  fakeNews: () => import('./pages/fake-news-page.tsx'),
  jobMatch: () => import('./pages/job-match-page.tsx'),
  history: () => import('./pages/history-page.tsx'),
  batch: () => import('./pages/batch-page.tsx'),
  settings: () => import('./pages/settings-page.tsx'),
  admin: () => import('./pages/admin-page.tsx'),
  terms: () => import('./pages/terms-page.tsx'),
  privacy: () => import('./pages/privacy-page.tsx'),
  cookies: () => import('./pages/cookies-page.tsx'),
  notFound: () => import('./pages/not-found-page.tsx'),
};
// Not preloaded: its charts (recharts, over 100 KB gzipped) are fetched only when the page is opened.
const AnalyticsPage = lazy(() => import('./pages/analytics-page.tsx'));
const LoginPage = lazy(pages.login);
const SignupPage = lazy(pages.signup);
const ResetPasswordPage = lazy(pages.resetPassword);
const ForgotPasswordPage = lazy(pages.forgotPassword);
const SentimentPage = lazy(pages.sentiment);
const SummarizePage = lazy(pages.summarize);
const FakeNewsPage = lazy(pages.fakeNews);
const JobMatchPage = lazy(pages.jobMatch);
const HistoryPage = lazy(pages.history);
const BatchPage = lazy(pages.batch);
const SettingsPage = lazy(pages.settings);
const AdminPage = lazy(pages.admin);
const TermsPage = lazy(pages.terms);
const PrivacyPage = lazy(pages.privacy);
const CookiesPage = lazy(pages.cookies);
const NotFoundPage = lazy(pages.notFound);

/**
 * Once the first page is up and the browser is idle, the other pages' chunks are fetched too
 * (together a few tens of KB), so moving between pages does not wait on the network.
 */
function usePreloadPages(): void {
  useEffect(() => {
    const preload = () => {
      for (const load of Object.values(pages)) void load().catch(() => undefined);
    };
    if ('requestIdleCallback' in window) {
      const handle = window.requestIdleCallback(preload, { timeout: 3000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(preload, 1500);
    return () => clearTimeout(timer);
  }, []);
}

export function App() {
  usePreloadPages();
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <AuthProvider>
        <ServerConfigProvider>
          <BrowserRouter>
            <Routes>
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route path="login" element={<LoginPage />} />
                <Route path="signup" element={<SignupPage />} />
                <Route path="reset-password" element={<ResetPasswordPage />} />
                <Route path="forgot-password" element={<ForgotPasswordPage />} />
                <Route path="sentiment" element={<SentimentPage />} />
                <Route path="summarize" element={<SummarizePage />} />
                <Route path="fake-news" element={<FakeNewsPage />} />
                <Route path="job-match" element={<JobMatchPage />} />
                <Route path="history" element={<HistoryPage />} />
                <Route path="analytics" element={<AnalyticsPage />} />
                <Route path="batch" element={<BatchPage />} />
                <Route path="settings" element={<SettingsPage />} />
                <Route path="admin" element={<AdminPage />} />
                <Route path="terms" element={<TermsPage />} />
                <Route path="privacy" element={<PrivacyPage />} />
                <Route path="cookies" element={<CookiesPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </ServerConfigProvider>
      </AuthProvider>
    </MantineProvider>
  );
}
