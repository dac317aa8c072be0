// ARG/ENV scoping as BuildKit does it: global ARGs, redeclaration, ENV over ARG, inheritance through FROM <stage>.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/engine/parse/document';
import { expand, lookupVariable } from '../../server/src/engine/model/variables';

const DOCKERFILE = [
  'ARG BASE=alpine:3.20', // 0
  'ARG VERSION=1.2', // 1
  'FROM $BASE AS build', // 2
  'RUN echo $VERSION', // 3  global not redeclared yet
  'ARG VERSION', // 4
  'ARG LOCAL=local-$VERSION', // 5
  'ENV APP=/srv PATH=/srv/bin:$PATH OLD=$APP', // 6
  'ENV VERSION=env-wins', // 7
  'RUN echo $VERSION $LOCAL $APP', // 8
  'FROM build AS child', // 9
  'RUN echo $LOCAL $APP', // 10
  'FROM alpine AS other', // 11
  'RUN echo $LOCAL $APP', // 12
  'ARG NODEFAULT', // 13
  'ARG TARGETARCH', // 14
  'RUN echo $NODEFAULT', // 15
].join('\n');

const doc = parseDocument(DOCKERFILE);

test('a FROM line sees the global ARGs', () => {
  const b = lookupVariable(doc, 'BASE', 2);
  assert.equal(b?.value, 'alpine:3.20');
  assert.equal(b?.kind, 'global-arg');
});

test('inside a stage a global ARG is invisible until redeclared', () => {
  assert.equal(lookupVariable(doc, 'VERSION', 3), null);
  const redeclared = lookupVariable(doc, 'VERSION', 5);
  assert.equal(redeclared?.value, '1.2');
  assert.equal(redeclared?.fromGlobal?.line, 1);
});

test('ARG defaults expand earlier values', () => {
  assert.equal(lookupVariable(doc, 'LOCAL', 8)?.value, 'local-1.2');
});

test('assignments of one ENV line see the values from before the line', () => {
  const old = lookupVariable(doc, 'OLD', 8);
  assert.equal(old?.value, '$APP', 'APP was not set before line 7; it can only come from the base image');
  assert.equal(old?.partial, true);
  const p = lookupVariable(doc, 'PATH', 8);
  assert.equal(p?.partial, true, 'PATH of the base image is unknown');
  assert.equal(p?.value, '/srv/bin:$PATH');
});

test('ENV wins over an ARG of the same name', () => {
  const b = lookupVariable(doc, 'VERSION', 8);
  assert.equal(b?.kind, 'env');
  assert.equal(b?.value, 'env-wins');
});

test('a stage built FROM another inherits its ARG and ENV values', () => {
  assert.equal(lookupVariable(doc, 'LOCAL', 10)?.value, 'local-1.2');
  const app = lookupVariable(doc, 'APP', 10);
  assert.equal(app?.value, '/srv');
  assert.equal(app?.stage, 0);
});

test('an unrelated stage inherits nothing', () => {
  assert.equal(lookupVariable(doc, 'LOCAL', 12), null);
  assert.equal(lookupVariable(doc, 'APP', 12), null);
});

test('an ARG without a default has no value; a platform ARG is predefined', () => {
  const b = lookupVariable(doc, 'NODEFAULT', 15);
  assert.equal(b?.kind, 'arg');
  assert.equal(b?.value, null);
  assert.equal(lookupVariable(doc, 'TARGETARCH', 15)?.kind, 'predefined');
  assert.equal(lookupVariable(doc, 'TARGETARCH', 12), null, 'not visible in a stage before ARG TARGETARCH');
  assert.equal(lookupVariable(doc, 'TARGETARCH', 11)?.kind, 'predefined', 'visible on a FROM line');
});

test('expand handles the default and alternative forms', () => {
  const vars: Record<string, string | null> = { SET: 'x', EMPTY: '', NULL: null };
  const lookup = (n: string) => (n in vars ? vars[n] : undefined);
  assert.deepEqual(expand('${SET:-d} ${EMPTY:-d} ${EMPTY-d} ${NULL-d} ${SET:+alt} ${EMPTY:+alt}|', lookup), {
    text: 'x d  d alt |',
    partial: false,
  });
  assert.deepEqual(expand('$UNKNOWN/${SET}', lookup), { text: '$UNKNOWN/x', partial: true });
  assert.deepEqual(expand('\\$SET', lookup), { text: '$SET', partial: false });
});

test('CRLF line endings give the same scopes', () => {
  const crlf = parseDocument(DOCKERFILE.replace(/\n/g, '\r\n'));
  assert.equal(lookupVariable(crlf, 'LOCAL', 10)?.value, 'local-1.2');
  assert.equal(lookupVariable(crlf, 'VERSION', 8)?.value, 'env-wins');
});
