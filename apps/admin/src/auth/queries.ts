export const DEV_LOGIN = `
  mutation DevLogin($email: String!) {
    devLogin(email: $email) {
      token
      expiresAt
      staff { id email fullName roles }
    }
  }
`;

export const ME = `
  query Me {
    me { id fullName email roles }
  }
`;

export interface Me {
  id: string;
  fullName: string;
  email: string;
  roles: string[];
}

export interface DevLoginResult {
  devLogin: { token: string; expiresAt: string | null; staff: Me };
}
