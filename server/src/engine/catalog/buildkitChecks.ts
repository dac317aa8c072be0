// The names of BuildKit's build checks (frontend/dockerfile/linter/ruleset.go), which `# check=skip=`
// accepts, and where Docker documents each. Names only; our own rules that share a name list it as an alias.

export const BUILDKIT_CHECKS: readonly string[] = [
  'ConsistentInstructionCasing',
  'CopyIgnoredFile',
  'DuplicateStageName',
  'ExposeInvalidFormat',
  'ExposeProtoCasing',
  'FromAsCasing',
  'FromPlatformFlagConstDisallowed',
  'InvalidBaseImagePlatform',
  'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription',
  'JSONArgsRecommended',
  'LegacyKeyValueFormat',
  'MaintainerDeprecated',
  'MultipleInstructionsDisallowed',
  'NoEmptyContinuation',
  'RedundantTargetPlatform',
  'ReservedStageName',
  'SecretsUsedInArgOrEnv',
  'StageNameCasing',
  'UndefinedArgInFrom',
  'UndefinedVar',
  'WorkdirRelativePath',
];

const CHECKS = new Set(BUILDKIT_CHECKS);

export function isBuildkitCheck(name: string): boolean {
  return CHECKS.has(name);
}

/** `JSONArgsRecommended` → https://docs.docker.com/reference/build-checks/json-args-recommended/ */
export function buildkitCheckUrl(name: string): string {
  const kebab = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/reference/build-checks/${kebab}/`;
}
