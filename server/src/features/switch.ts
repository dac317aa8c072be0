// Which optional editor features run (`dockerfileNotes.features`), and their registration with the client.
// `auto` turns off what another active Dockerfile extension already provides (its language server shows
// completion, outline, formatting … too), keeping hovers, diagnostics and fixes, which are always on.
// With a client that registers capabilities dynamically (VS Code), a feature that is off is unregistered,
// so the editor does not list a second formatter or an empty outline; other clients get every capability
// at start-up and the handlers answer nothing for a feature that is off.
import type { ClientCapabilities, Disposable, ServerCapabilities } from 'vscode-languageserver';
import { RegistrationType } from 'vscode-languageserver';
import type { FeatureSetting } from '../engine/context';
import { OPTIONAL_FEATURES, OTHER_DOCKERFILE_EXTENSIONS, PROVIDED_BY_OTHER_SERVER } from '../protocol';
import type { Feature, ServerSession } from '../session';

export const DOCUMENT_SELECTOR = [{ language: 'dockerfile' }];

/** The features on for a setting, given the other Dockerfile extensions the client reported. */
export function enabledFeatures(setting: FeatureSetting, otherExtensions: readonly string[]): Set<string> {
  if (setting === 'all') return new Set(OPTIONAL_FEATURES);
  if (Array.isArray(setting)) return new Set(setting.filter((f) => OPTIONAL_FEATURES.includes(f)));
  const deferring = otherExtensions.some((id) => OTHER_DOCKERFILE_EXTENSIONS.includes(id.toLowerCase()));
  return new Set(OPTIONAL_FEATURES.filter((f) => !deferring || !PROVIDED_BY_OTHER_SERVER.includes(f)));
}

export class FeatureSwitch {
  /** Optional features registered dynamically, and their current registrations. */
  private readonly dynamic = new Map<string, Feature>();
  private readonly registrations = new Map<string, Promise<Disposable[]>>();
  private updating: Promise<void> = Promise.resolve();

  constructor(private readonly session: ServerSession) {}

  /** Capabilities to announce at start-up: everything, except optional features the client will get dynamically. */
  capabilities(features: readonly Feature[], client: ClientCapabilities): ServerCapabilities {
    const out: ServerCapabilities = {};
    for (const feature of features) {
      const optional = feature.optional;
      if (optional && optional.registrations.every((r) => supportsDynamic(client, r.method))) {
        this.dynamic.set(optional.name, feature);
        continue;
      }
      Object.assign(out, feature.capabilities);
    }
    return out;
  }

  /** Reads the setting again and brings registrations in line with it. Calls are queued, never interleaved. */
  update(): Promise<void> {
    this.updating = this.updating.then(() => this.apply()).catch((e) => this.session.log(`could not update features: ${e}`));
    return this.updating;
  }

  private async apply(): Promise<void> {
    const settings = await this.session.windowSettings();
    const enabled = enabledFeatures(settings.editor.features, this.session.otherDockerfileExtensions);
    this.session.enabledFeatures = enabled;
    for (const [name, feature] of this.dynamic) {
      const registered = this.registrations.get(name);
      if (enabled.has(name) && !registered) {
        const pending = Promise.all(
          feature.optional!.registrations.map((r) =>
            this.session.connection.client.register(new RegistrationType<object>(r.method), { documentSelector: DOCUMENT_SELECTOR, ...r.options }),
          ),
        );
        this.registrations.set(name, pending);
        await pending.catch((e) => {
          this.registrations.delete(name);
          this.session.log(`could not register ${name}: ${e}`);
        });
      } else if (!enabled.has(name) && registered) {
        this.registrations.delete(name);
        const disposables = await registered.catch(() => [] as Disposable[]);
        for (const d of disposables) d.dispose();
      }
    }
  }
}

/** `textDocument/completion` → `capabilities.textDocument.completion.dynamicRegistration`. */
function supportsDynamic(client: ClientCapabilities, method: string): boolean {
  const [scope, name] = method.split('/');
  if (scope !== 'textDocument' || !name) return false;
  const section = (client.textDocument as Record<string, { dynamicRegistration?: boolean } | undefined> | undefined)?.[name];
  return section?.dynamicRegistration === true;
}
