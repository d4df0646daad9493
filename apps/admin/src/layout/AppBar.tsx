import { useEffect } from 'react';
import { AppBar as RaAppBar, TitlePortal, UserMenu, useGetIdentity } from 'react-admin';

export const APP_TITLE = 'Steward — Policy 4051';

/**
 * The user button shows the person's name; its accessible name starts with that same text
 * (2.5.3 Label in Name), then says what it opens.
 */
function StewardUserMenu() {
  const { identity } = useGetIdentity();
  const name = identity?.fullName ? String(identity.fullName) : null;
  return <UserMenu label={name ? `${name}, account menu` : 'Account menu'} />;
}

/**
 * Each page's title, set by react-admin into the app bar, is also the document's title
 * (2.4.2 Page Titled): a screen reader announces it, and browser tabs and history tell pages apart.
 */
function DocumentTitle() {
  useEffect(() => {
    const heading = document.getElementById('react-admin-title');
    if (!heading) return;
    const update = () => {
      const text = heading.textContent?.trim();
      document.title = text && text !== APP_TITLE ? `${text} · Steward` : APP_TITLE;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(heading, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = APP_TITLE;
    };
  }, []);
  return null;
}

/** The page's title is its one <h1> (react-admin renders it as an h6 by default). */
export function AppBar() {
  return (
    <RaAppBar userMenu={<StewardUserMenu />}>
      <TitlePortal component="h1" />
      <DocumentTitle />
    </RaAppBar>
  );
}
