/**
 * Passkeys (WebAuthn) for staff, through @simplewebauthn/server: the options a browser needs to
 * make or use a passkey, and the checks of what it sends back. Challenges are kept in the database
 * for minutes and used once (`saveChallenge`, `takeChallenge`). The relying party is the portal's
 * public address (SITE_URL): its host name and its origin.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Database } from '../../platform/db/database.ts';
import { findPasskey, passkeysOf, saveChallenge, takeChallenge, type NewPasskey } from './staff.ts';

export interface RelyingParty {
  /** The portal's public origin, such as https://alaqan.example.kz. */
  origin: string;
  /** What the authenticator shows. */
  name: string;
}

const rpId = (rp: RelyingParty) => new URL(rp.origin).hostname;

/** The options to make a passkey for an invited member of staff. */
export async function registrationOptions(
  db: Database,
  input: { rp: RelyingParty; staffId: string; email: string; name: string; ip: string; now: Date },
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON } | undefined> {
  const existing = await passkeysOf(db, input.staffId);
  const options = await generateRegistrationOptions({
    rpName: input.rp.name,
    rpID: rpId(input.rp),
    userName: input.email,
    userDisplayName: input.name,
    userID: new TextEncoder().encode(input.staffId),
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({ id: passkey.id, transports: passkey.transports })),
    // A passkey that checks who holds it (PIN, fingerprint): it is both factors at once.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const challengeId = await saveChallenge(db, {
    challenge: options.challenge,
    purpose: 'register',
    staffId: input.staffId,
    ip: input.ip,
    now: input.now,
  });
  return challengeId ? { challengeId, options } : undefined;
}

/** Checks a new passkey against its challenge (used once); the passkey to store, or undefined. */
export async function verifyRegistration(
  db: Database,
  input: { rp: RelyingParty; challengeId: string; response: unknown; staffId: string; now: Date },
): Promise<NewPasskey | undefined> {
  const taken = await takeChallenge(db, { id: input.challengeId, purpose: 'register', now: input.now });
  // A challenge made for one invitation makes no passkey for another.
  if (taken?.staffId !== input.staffId) return undefined;
  const challenge = taken.challenge;
  try {
    const result = await verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: rpId(input.rp),
      requireUserVerification: true,
    });
    if (!result.verified) return undefined;
    const { credential } = result.registrationInfo;
    return {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
    };
  } catch {
    // A malformed or forged response is a refusal, not an error of the portal.
    return undefined;
  }
}

/** The options to sign in with any passkey of the portal (the browser offers the ones it holds). */
export async function authenticationOptions(
  db: Database,
  input: { rp: RelyingParty; ip: string; now: Date },
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON } | undefined> {
  const options = await generateAuthenticationOptions({ rpID: rpId(input.rp), userVerification: 'required' });
  const challengeId = await saveChallenge(db, {
    challenge: options.challenge,
    purpose: 'authenticate',
    ip: input.ip,
    now: input.now,
  });
  return challengeId ? { challengeId, options } : undefined;
}

/** Checks a passkey's answer to its challenge (used once): the passkey and its new counter, or undefined. */
export async function verifyAuthentication(
  db: Database,
  input: { rp: RelyingParty; challengeId: string; response: unknown; now: Date },
): Promise<{ passkeyId: string; staffId: string; newCounter: number } | undefined> {
  const challenge = (await takeChallenge(db, { id: input.challengeId, purpose: 'authenticate', now: input.now }))
    ?.challenge;
  const response = input.response as AuthenticationResponseJSON | undefined;
  if (!challenge || typeof response?.id !== 'string') return undefined;
  const passkey = await findPasskey(db, response.id);
  if (!passkey) return undefined;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: rpId(input.rp),
      credential: {
        id: passkey.id,
        publicKey: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
    return result.verified
      ? { passkeyId: passkey.id, staffId: passkey.staffId, newCounter: result.authenticationInfo.newCounter }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON a browser posted in a form field, or undefined when it is not JSON. */
export function postedJson(value: FormDataEntryValue | null): unknown {
  if (typeof value !== 'string' || value.length > 16_000) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
