#!/usr/bin/env node
/**
 * An independent verifier of the credentials Intern Journal issues, built only
 * from Digital Bazaar's npm packages (see README.md), so the test suite checks
 * the app's Python signing against a second implementation rather than itself.
 *
 * Input, one JSON object on stdin:
 *   {"documents": {url: document, ...},   // issuer profiles, status lists
 *    "credentials": [credential, ...],
 *    "now": "2030-01-01T00:00:00Z",        // optional; the time to verify at
 *    "checkIssuer": true}                  // optional; false: proof only
 * Output, one JSON line per credential, in order:
 *   {"id": credential id or null, "verified": bool, "errors": [message, ...]}
 * and for a ClrCredential also "embedded": one such result per credential it
 * holds, and "allVerified": the CLR and every embedded credential verified.
 * A CLR's own "verified" covers its own proof and status only: a CLR stays
 * authentic when a badge inside it is revoked later.
 *
 * No network request is ever made: the document loader serves the given
 * documents, the JSON-LD context files of journal/credentials/contexts/, the
 * security v2 context bundled with jsonld-signatures, and did:key documents
 * computed from the key itself. Anything else is an error.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import * as DidKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {cryptosuite as eddsaRdfc2022} from
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {contexts as securityContexts} from '@digitalbazaar/security-context';
import * as vc from '@digitalbazaar/vc';
import * as statusList from '@digitalbazaar/vc-bitstring-status-list';
import jsigs from 'jsonld-signatures';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTEXT_DIR = process.env.VERIFIER_CONTEXT_DIR ||
  path.resolve(HERE, '../../journal/credentials/contexts');

// URL -> file in CONTEXT_DIR (the same table as README.md).
const CONTEXT_FILES = new Map([
  ['https://www.w3.org/ns/credentials/v2', 'credentials-v2.jsonld'],
  ['https://www.w3.org/ns/credentials/examples/v2',
    'credentials-examples-v2.jsonld'],
  ['https://w3id.org/security/data-integrity/v2', 'data-integrity-v2.jsonld'],
  ['https://w3id.org/security/multikey/v1', 'multikey-v1.jsonld'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    'ob-context-3.0.3.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
    'ob-context-3.0.2.json'],
  ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    'ob-extensions.json'],
  ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
    'clr-context-2.0.1.json'],
]);
const SECURITY_V2 = 'https://w3id.org/security/v2';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

const contextCache = new Map();
const didKeyDriver = DidKey.driver();
didKeyDriver.use({
  multibaseMultikeyHeader: 'z6Mk',
  fromMultibase: Ed25519Multikey.from
});

/** Reads a context file once; a missing file is an error that names it. */
async function loadContext(url) {
  if(!contextCache.has(url)) {
    const file = path.join(CONTEXT_DIR, CONTEXT_FILES.get(url));
    contextCache.set(url, JSON.parse(await readFile(file, 'utf8')));
  }
  return contextCache.get(url);
}

/**
 * A node of a given document by its full id (a verification method such as
 * https://host/issuer#key-1), carrying the Multikey context that
 * Ed25519Multikey.from() requires of a stand-alone key node.
 */
function nodeById(document, url) {
  const [, fragment] = url.split('#');
  const methods = [].concat(document.verificationMethod || []);
  const node = methods.find(method => method && typeof method === 'object' &&
    (method.id === url || method.id === `#${fragment}`));
  if(!node) {
    throw new Error(`"${url}" is not a verification method of its document.`);
  }
  const context = [].concat(document['@context'] || []);
  return {
    ...node,
    id: url,
    '@context': context.includes(MULTIKEY_V1) ? context : MULTIKEY_V1
  };
}

/** The offline document loader over the given documents (see above). */
function makeDocumentLoader(documents) {
  return async function documentLoader(url) {
    let document;
    const base = url.split('#')[0];
    if(CONTEXT_FILES.has(url)) {
      document = await loadContext(url);
    } else if(url === SECURITY_V2) {
      document = securityContexts.get(SECURITY_V2);
    } else if(url.startsWith('did:key:')) {
      document = await didKeyDriver.get({url});
    } else if(Object.hasOwn(documents, url)) {
      document = documents[url];
    } else if(url.includes('#') && Object.hasOwn(documents, base)) {
      document = nodeById(documents[base], url);
    } else {
      throw new Error(`Document "${url}" is not available offline.`);
    }
    return {contextUrl: null, documentUrl: url, document};
  };
}

/** Every message in an error, its causes and its wrapped errors, once. */
function messages(error, found = []) {
  if(!error) {
    return found;
  }
  if(Array.isArray(error)) {
    error.forEach(e => messages(e, found));
    return found;
  }
  let text = error.message || String(error);
  const event = error.details?.event;
  if(event) {
    const property = event.details?.property;
    text += ` (${event.code}: ${event.message}` +
      (property ? ` "${property}")` : ')');
  }
  if(text !== 'Verification error(s).' && !found.includes(text)) {
    found.push(text);
  }
  messages(error.errors, found);
  messages(error.cause, found);
  messages(error.details?.cause, found);
  return found;
}

/** The messages of a vc.verifyCredential() result that did not verify. */
function resultErrors(result) {
  const found = messages(result.error);
  for(const item of result.results || []) {
    messages(item.error, found);
    messages(item.purposeResult?.error, found);
  }
  messages(result.statusResult?.error, found);
  if(found.length === 0 && !result.verified) {
    found.push('Not verified (no reason given).');
  }
  return found;
}

/**
 * The checkStatus function given to vc.verifyCredential(): the library reads
 * the bit; the status list credential itself is verified here, with `now`,
 * so an expired list (past its validUntil) fails; a set bit fails.
 */
async function checkStatus(options) {
  const {credential, documentLoader, suite, now, purpose} = options;
  const result = await statusList.checkStatus({
    credential, documentLoader, suite,
    verifyBitstringStatusListCredential: false,
    verifyMatchingIssuers: true
  });
  if(!result.verified) {
    return result;
  }
  for(const {credentialStatus, status} of result.results) {
    const url = credentialStatus.statusListCredential;
    const {document: list} = await documentLoader(url);
    const listResult = await vc.verifyCredential({
      credential: list, suite, documentLoader, now, purpose
    });
    if(!listResult.verified) {
      const reasons = resultErrors(listResult).join('; ');
      return {verified: false, error: new Error(
        `Status list credential "${url}" not verified: ${reasons}`)};
    }
    if(status) {
      return {verified: false, error: new Error(
        `Credential status "${credentialStatus.statusPurpose}" is set ` +
        `(index ${credentialStatus.statusListIndex} of "${url}").`)};
    }
  }
  return result;
}

/** The credentials a ClrCredential carries in its subject. */
function embeddedCredentials(credential) {
  const types = [].concat(credential.type || []);
  if(!types.includes('ClrCredential')) {
    return null;
  }
  return [].concat(credential.credentialSubject?.verifiableCredential || []);
}

/** Verifies one credential (and a CLR's embedded ones); never throws. */
async function verifyOne(credential, settings) {
  if(!(credential && typeof credential === 'object' &&
    !Array.isArray(credential))) {
    return {verified: false, errors: ['The credential is not a JSON object.']};
  }
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const options = {
    credential, suite, checkStatus,
    documentLoader: settings.documentLoader
  };
  if(settings.now) {
    options.now = settings.now;
  }
  if(!settings.checkIssuer) {
    options.purpose = new jsigs.purposes.AssertionProofPurpose();
  }
  const result = await vc.verifyCredential(options);
  const outcome = {
    id: typeof credential.id === 'string' ? credential.id : null,
    verified: result.verified === true,
    errors: result.verified ? [] : resultErrors(result)
  };
  const embedded = embeddedCredentials(credential);
  if(embedded) {
    outcome.embedded = [];
    for(const inner of embedded) {
      outcome.embedded.push(await verifyOne(inner, settings));
    }
    outcome.allVerified = outcome.verified && embedded.length > 0 &&
      outcome.embedded.every(inner => inner.verified);
  }
  return outcome;
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function main() {
  const input = await readStdin();
  const settings = {
    documentLoader: makeDocumentLoader(input.documents || {}),
    now: input.now,
    checkIssuer: input.checkIssuer !== false
  };
  for(const credential of input.credentials || []) {
    const outcome = await verifyOne(credential, settings);
    process.stdout.write(JSON.stringify(outcome) + '\n');
  }
}

main().catch(error => {
  process.stderr.write(`verify.mjs: ${error.stack || error}\n`);
  process.exit(2);
});
