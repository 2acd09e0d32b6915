import { Anchor, Box, Burger, Button, Center, Container, Group, Loader, Stack, Text } from '@mantine/core';
import { Suspense, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.ts';
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

function AuthControls() {
  const { user, ready, logout } = useAuth();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!ready) return null;
  if (user === null) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Button component={Link} to="/login" variant="default" size="sm">
          Log in
        </Button>
        {/* Not on phones, where it pushed the header past the screen's width: the home and login pages link to it. */}
        <Button component={Link} to="/signup" size="sm" visibleFrom="xs">
          Sign up
        </Button>
      </Group>
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
      navigate('/');
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={600} visibleFrom="xs" title="Logged in as" truncate="end" maw={160}>
        {user.username}
      </Text>
      <Button variant="default" size="sm" loading={busy} onClick={() => void onLogout()}>
        Log out
      </Button>
    </Group>
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
              <AuthControls />
            </Group>
          </Group>
        </Container>
      </Box>
      {menuOpen && (
        <Box component="nav" id="mobile-nav" aria-label="Main" hiddenFrom="lg" className="mobile-nav">
          <Container size="lg" py="sm">
            <NavLinks vertical onNavigate={closeMenu} />
          </Container>
        </Box>
      )}
      <Box component="main" id="main" tabIndex={-1} className="app-main">
        <Container size="lg" py="xl">
          <Suspense
            fallback={
              <Center py="xl">
                <Loader aria-label="Loading page" />
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
