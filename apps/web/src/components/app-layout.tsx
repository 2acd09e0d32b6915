import { Anchor, Box, Burger, Button, Center, Container, Group, Loader, Stack, Text } from '@mantine/core';
import { Suspense, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
import { useSignupOpen } from '../server-config/server-config-context.ts';
import { ColorSchemeToggle } from './color-scheme-toggle.tsx';
import { NAV_ITEMS } from './nav-items.ts';

function NavLinks({ vertical, onNavigate }: { vertical?: boolean; onNavigate?: () => void }) {
  const { user } = useAuth();
  const items = NAV_ITEMS.filter((item) => item.adminOnly !== true || user?.tier === 'admin');
  const links = items.map((item) => (
    <NavLink key={item.to} to={item.to} end={item.to === '/'} className="nav-link" onClick={onNavigate}>
      {item.label}
    </NavLink>
  ));
  return vertical ? <Stack gap={4}>{links}</Stack> : <Group gap={4}>{links}</Group>;
}

/**
 * Log in and sign up for a guest, the username and Log out for a user: in the header, or (on
 * phones, `inMenu`) at the foot of the navigation menu, where they are stacked and full width.
 */
function AuthControls({ inMenu = false, onNavigate }: { inMenu?: boolean; onNavigate?: () => void }) {
  const { user, ready, logout } = useAuth();
  const signupOpen = useSignupOpen();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!ready) return null;
  const Layout = inMenu ? MenuStack : HeaderGroup;
  if (user === null) {
    return (
      <Layout>
        <Button component={Link} to="/login" variant="default" size="sm" onClick={onNavigate}>
          Log in
        </Button>
        {signupOpen && (
          <Button component={Link} to="/signup" size="sm" onClick={onNavigate}>
            Sign up
          </Button>
        )}
      </Layout>
    );
  }
  const onLogout = async () => {
    setBusy(true);
    try {
      await logout();
    } catch {
      // The server may be unreachable; the session cookie is then left to expire on its own.
    } finally {
      setBusy(false);
      onNavigate?.();
      navigate('/');
    }
  };
  return (
    <Layout>
      <Text size="sm" fw={600} title="Logged in as" truncate="end" maw={inMenu ? undefined : 160}>
        {inMenu ? `Logged in as ${user.username}` : user.username}
      </Text>
      <Button variant="default" size="sm" loading={busy} onClick={() => void onLogout()}>
        Log out
      </Button>
    </Layout>
  );
}

function HeaderGroup({ children }: { children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap">
      {children}
    </Group>
  );
}

function MenuStack({ children }: { children: ReactNode }) {
  return (
    <Stack gap="xs" className="menu-account">
      {children}
    </Stack>
  );
}

/** The app shell: skip link, header (name, navigation, theme, account), the page in <main>, footer. */
export function AppLayout() {
  const { pathname } = useLocation();
  // The small-screen menu belongs to the page it was opened on: any navigation closes it.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === pathname;
  const closeMenu = () => setMenuOpenAt(null);

  return (
    <Box className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Box component="header" className="app-header">
        {/* Full width: at 1280 px the centred 1140 px column left the links too little room (they wrapped). */}
        <Container fluid h="100%">
          <Group justify="space-between" h="100%" wrap="nowrap">
            <Group gap="md" wrap="nowrap">
              <Burger
                hiddenFrom="lg"
                size="sm"
                opened={menuOpen}
                onClick={() => setMenuOpenAt(menuOpen ? null : pathname)}
                aria-label={menuOpen ? 'Close navigation' : 'Open navigation'}
                aria-expanded={menuOpen}
                aria-controls="mobile-nav"
              />
              <Anchor component={Link} to="/" className="brand" underline="never">
                TextAI Studio
              </Anchor>
              {/* From lg (1200 px) on, the links fit on one line; below it they are behind the menu button. */}
              <Box component="nav" aria-label="Main" visibleFrom="lg">
                <NavLinks />
              </Box>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <ColorSchemeToggle />
              {/* Below 576 px the account buttons would push the header past the screen: they move to the menu. */}
              <Box visibleFrom="xs">
                <AuthControls />
              </Box>
            </Group>
          </Group>
        </Container>
      </Box>
      {menuOpen && (
        <Box component="nav" id="mobile-nav" aria-label="Main" hiddenFrom="lg" className="mobile-nav">
          <Container size="lg" py="sm">
            <NavLinks vertical onNavigate={closeMenu} />
            <Box hiddenFrom="xs">
              <AuthControls inMenu onNavigate={closeMenu} />
            </Box>
          </Container>
        </Box>
      )}
      <Box component="main" id="main" tabIndex={-1} className="app-main">
        <Container size="lg" py="xl">
          <Suspense
            fallback={
              <Center py="xl">
                <Loader role="status" aria-label="Loading page" />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </Container>
      </Box>
      <Box component="footer" className="app-footer">
        <Container size="lg" py="md">
          <Text size="sm" c="dimmed">
            TextAI Studio runs its models on this server: your text is not sent to any other service.
          </Text>
          <Box component="nav" aria-label="Legal" mt="xs">
            <Group gap="md" className="footer-links">
              <Anchor component={Link} to="/terms" size="sm">
                Terms of Service
              </Anchor>
              <Anchor component={Link} to="/privacy" size="sm">
                Privacy Policy
              </Anchor>
              <Anchor component={Link} to="/cookies" size="sm">
                Cookie Policy
              </Anchor>
            </Group>
          </Box>
        </Container>
      </Box>
    </Box>
  );
}
