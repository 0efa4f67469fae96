// ./run without its prerequisites: no dotnet, a .NET SDK of another band, no node, an old node, no npm. Each must say
// what is missing, exit non-zero and leave no process behind.
import { createPath, createSandbox, expectCleanFailure, expectations, freePorts, runScript } from './lib/run-sandbox.mjs';

const expect = expectations('run-prerequisites');
const sandbox = createSandbox();
try {
  const ports = await freePorts();
  const cases = [
    {
      label: 'no dotnet on PATH',
      path: { without: ['dotnet'] },
      message: /the \.NET SDK is not installed \(dotnet is not on PATH\)\. QaBot needs the \.NET 10\.0 SDK/,
    },
    {
      label: 'only a .NET 8 SDK',
      path: { without: ['dotnet'], fakes: { dotnet: '#!/bin/sh\n[ "$1" = --list-sdks ] && echo "8.0.404 [/usr/share/dotnet/sdk]"\nexit 0\n' } },
      message: /needs the \.NET 10\.0 SDK \(10\.0\.100 or a later 10\.0\.x, from global\.json\); this machine has: 8\.0\.404/,
    },
    {
      label: 'no node on PATH',
      path: { without: ['node', 'nodejs'] },
      message: /Node\.js is not installed \(node is not on PATH\)/,
    },
    {
      label: 'Node.js 18',
      path: { without: ['node'], fakes: { node: '#!/bin/sh\necho v18.19.1\n' } },
      message: /needs Node\.js 20 or later; this machine has v18\.19\.1/,
    },
    {
      label: 'no npm on PATH',
      path: { without: ['npm'] },
      message: /npm is not installed/,
    },
  ];
  for (const [i, c] of cases.entries()) {
    const bin = createPath(`${sandbox.dir}/case${i}`, c.path);
    const result = await runScript(sandbox.dir, [], { env: { ...ports, PATH: bin } });
    expectCleanFailure(expect, c.label, result, c.message);
  }
} finally {
  sandbox.dispose();
}
expect.finish();
