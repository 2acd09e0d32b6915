import { serverConfigResponse } from '@textai/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createTestApp, type TestApp } from '../helpers/app.ts';

describe('GET /api/v1/config', () => {
  let defaults: TestApp;
  let custom: TestApp;
  beforeAll(async () => {
    [defaults, custom] = await Promise.all([
      createTestApp(),
      createTestApp({
        MAX_UPLOAD_MB: '3',
        MAX_TEXT_CHARS: '5000',
        MAX_BATCH_SIZE: '7',
        ENABLE_USER_SIGNUP: 'false',
        ENABLE_GUEST_ACCESS: 'false',
        ENABLE_BATCH_PROCESSING: 'false',
        SMTP_HOST: 'mail.internal.example',
        SMTP_USER: 'mailer',
        SMTP_PASSWORD: 'smtp-password-not-for-clients',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([defaults.close(), custom.close()]);
  });

  it('tells a guest the default limits and switches', async () => {
    const response = await defaults.app.inject('/api/v1/config');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      limits: {
        max_upload_mb: 10,
        max_upload_bytes: 10 * 1024 * 1024,
        max_text_chars: 100_000,
        max_batch_size: 100,
      },
      features: { signup: true, guests: true, batch: true, password_reset_email: false },
    });
    expect(serverConfigResponse.safeParse(response.json()).success).toBe(true);
  });

  it('follows the settings, and says that email is set up without saying where', async () => {
    const response = await custom.app.inject('/api/v1/config');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      limits: {
        max_upload_mb: 3,
        max_upload_bytes: 3 * 1024 * 1024,
        max_text_chars: 5000,
        max_batch_size: 7,
      },
      features: { signup: false, guests: false, batch: false, password_reset_email: true },
    });
    expect(response.body).not.toMatch(/mail\.internal|mailer|smtp-password/);
  });

  it('answers without a login even with guest access off, and to sessions and keys alike', async () => {
    // With guests off, a tool call without credentials is refused; the config still answers.
    const tool = await custom.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'hi' },
    });
    expect(tool.statusCode).toBe(401);
    const withKey = await custom.app.inject({
      url: '/api/v1/config',
      headers: { 'x-api-key': 'tai_not_a_real_key_0000000000000000' },
    });
    expect(withKey.statusCode).toBe(200);

    const user = new BrowserClient(defaults.app);
    await user.signup('configreader');
    const asUser = await user.request('GET', '/api/v1/config');
    expect(asUser.statusCode).toBe(200);
    expect(asUser.json().limits.max_upload_mb).toBe(10);
  });
});
