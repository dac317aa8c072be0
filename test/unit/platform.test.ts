// isWindowsStage: one answer for every rule about the image a stage runs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/engine/parse/document';
import { isWindowsStage, rootImage } from '../../server/src/engine/model/platform';

function stages(text: string): boolean[] {
  const doc = parseDocument(text);
  return doc.stages.map((s) => isWindowsStage(doc, s));
}

test('Windows images by name: mcr windows/*, servercore, nanoserver, ltsc tags, .NET Framework', () => {
  for (const image of [
    'mcr.microsoft.com/windows/servercore:ltsc2022',
    'mcr.microsoft.com/windows/nanoserver:1809',
    'mcr.microsoft.com/windows:20H2',
    'mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022',
    'mcr.microsoft.com/dotnet/framework/sdk:4.8',
    'mcr.microsoft.com/powershell:lts-windowsservercore-ltsc2022',
    'microsoft/nanoserver',
  ]) {
    assert.deepEqual(stages(`FROM ${image}\nRUN echo\n`), [true], image);
  }
  for (const image of ['alpine:3.20', 'debian:12-slim', 'mcr.microsoft.com/dotnet/sdk:8.0', 'node:20', 'windowsfan/tool', 'scratch']) {
    assert.deepEqual(stages(`FROM ${image}\nRUN echo\n`), [false], image);
  }
});

test('a stage built FROM a Windows stage is Windows; global ARG defaults are applied to the image', () => {
  assert.deepEqual(stages('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nFROM base\nCOPY a b\nFROM alpine\n'), [true, true, false]);
  const text = 'ARG BASE=mcr.microsoft.com/windows/nanoserver:ltsc2022\nFROM ${BASE}\nFROM $UNKNOWN\n';
  assert.deepEqual(stages(text), [true, false]);
  const doc = parseDocument(text);
  assert.equal(rootImage(doc, doc.stages[0]), 'mcr.microsoft.com/windows/nanoserver:ltsc2022');
  assert.equal(rootImage(doc, doc.stages[1]), null);
});

test('Windows habits in an unknown image: drive-letter WORKDIR or destination, cmd/powershell SHELL', () => {
  assert.deepEqual(stages('# escape=`\nFROM registry.example/base\nWORKDIR C:\\app\n'), [true]);
  assert.deepEqual(stages('FROM registry.example/base\nADD https://example.com/x.exe C:/x.exe\n'), [true]);
  assert.deepEqual(stages('FROM registry.example/base\nSHELL ["powershell", "-Command"]\n'), [true]);
  assert.deepEqual(stages('FROM registry.example/base\nWORKDIR /app\nCOPY a.txt ./C/\nSHELL ["/bin/bash", "-c"]\n'), [false]);
  // A heredoc body is not a destination.
  assert.deepEqual(stages('FROM alpine\nCOPY <<EOF /x\nC:/not-a-dest\nEOF\n'), [false]);
});
