import { SnackbarContent } from '@mui/material';
import { useMemo } from 'react';
import {
  Notification,
  NotificationContext,
  type NotificationProps,
  useNotificationContext,
} from 'react-admin';
import { CitedMessage } from './CitedMessage';

const CITES_A_SECTION = /§[IVXL]+\b/;

/**
 * react-admin's notification, with the sections a refusal cites ("(Policy 4051 §III, §XI)",
 * see graphql/errors.ts) as links to the Policy page. Refusals reach the notification as plain
 * text from many places (forms, buttons, react-admin's own error handling), so the text is
 * turned into links here, where they are shown, rather than at each place.
 *
 * Policy refusals can be long: they stay 8 seconds and wrap.
 */
export function StewardNotification(props: NotificationProps) {
  const context = useNotificationContext();
  const linked = useMemo(
    () => ({
      ...context,
      takeNotification: () => {
        const notification = context.takeNotification();
        if (!notification || typeof notification.message !== 'string' || !CITES_A_SECTION.test(notification.message)) {
          return notification;
        }
        const type = notification.type ?? 'info';
        return {
          ...notification,
          // react-admin shows an element message as the snackbar's content; these classes keep
          // the colours and wrapping of its own content for that type.
          message: (
            <SnackbarContent
              className={`RaNotification-${type} RaNotification-multiLine`}
              message={<CitedMessage message={notification.message} />}
            />
          ),
        };
      },
    }),
    [context],
  );
  return (
    <NotificationContext.Provider value={linked}>
      <Notification {...props} autoHideDuration={8000} multiLine />
    </NotificationContext.Provider>
  );
}
