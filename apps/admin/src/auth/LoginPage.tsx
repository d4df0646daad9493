import {
  Box,
  Button,
  Card,
  CardContent,
  Divider,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLogin, useNotify } from 'react-admin';
import { DEMO_PEOPLE } from './demoPeople';

/**
 * Sign-in. Today only the development sign-in (devLogin, refused in production) works. The
 * district's OIDC sign-in goes where the disabled button is: wire it to ra-auth-google or
 * ra-auth-msal (SECURITY.md) and enable the button; the email form can then be hidden in
 * production builds.
 */
export function LoginPage() {
  const login = useLogin();
  const notify = useNotify();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  // Shown under the field and tied to it (aria-describedby, aria-invalid); focus goes back to it.
  const [error, setError] = useState<string | null>(null);
  const emailField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Steward — Policy 4051';
  }, []);

  const signIn = async (address: string) => {
    if (!address.trim()) {
      setError('Enter your district email address.');
      emailField.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await login({ email: address });
    } catch (error) {
      // An error stays until dismissed (Escape, or a click elsewhere): read it at any pace.
      notify((error as Error)?.message || 'Sign-in failed.', {
        type: 'error',
        autoHideDuration: null,
      });
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(email);
  };

  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        bgcolor: 'background.default',
        p: 2,
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 460 }}>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>
            Steward — Policy 4051
          </Typography>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            Staff social media accounts, approvals and credentials.
          </Typography>

          <Button variant="outlined" fullWidth disabled sx={{ my: 2 }}>
            Sign in with your district account
          </Button>
          <Divider sx={{ mb: 2 }}>or, in development</Divider>

          <Box component="form" onSubmit={onSubmit} noValidate>
            <TextField
              label="Email"
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                if (error) setError(null);
              }}
              inputRef={emailField}
              error={error !== null}
              helperText={error ?? ' '}
              fullWidth
              required
              autoFocus
            />
            <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>
              Sign in
            </Button>
          </Box>

          <Box
            component="section"
            aria-labelledby="demo-people-title"
            sx={{ mt: 3, borderRadius: 1, bgcolor: 'action.hover' }}
          >
            <Typography id="demo-people-title" variant="subtitle2" component="h2" sx={{ px: 2, pt: 1 }}>
              Demo people (choose one to sign in)
            </Typography>
            <List dense aria-labelledby="demo-people-title">
              {DEMO_PEOPLE.map((person) => (
                <ListItem key={person.email} disablePadding>
                  <ListItemButton
                    disabled={busy}
                    onClick={() => {
                      setEmail(person.email);
                      void signIn(person.email);
                    }}
                  >
                    <ListItemText primary={person.email} secondary={person.who} />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
}
