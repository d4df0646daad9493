import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Divider,
  List,
  ListItemButton,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
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

  const signIn = async (address: string) => {
    if (!address.trim()) return;
    setBusy(true);
    try {
      await login({ email: address });
    } catch (error) {
      notify((error as Error)?.message || 'Sign-in failed.', { type: 'error' });
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
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'grey.100', p: 2 }}
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
              onChange={(e) => setEmail(e.target.value)}
              fullWidth
              required
              autoFocus
            />
            <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={busy}>
              Sign in
            </Button>
          </Box>

          <Alert
            severity="info"
            icon={false}
            sx={{ mt: 3, p: 0, '& .MuiAlert-message': { width: '100%' } }}
          >
            <Typography variant="subtitle2" sx={{ px: 2, pt: 1 }}>
              Demo people (click to sign in)
            </Typography>
            <List dense aria-label="Demo people">
              {DEMO_PEOPLE.map((person) => (
                <ListItemButton
                  key={person.email}
                  disabled={busy}
                  onClick={() => {
                    setEmail(person.email);
                    void signIn(person.email);
                  }}
                >
                  <ListItemText primary={person.email} secondary={person.who} />
                </ListItemButton>
              ))}
            </List>
          </Alert>
        </CardContent>
      </Card>
    </Box>
  );
}
