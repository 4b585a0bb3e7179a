import type { ApiSummary } from "../../../../api-types/rpc.js";
import type { HostApi } from "./host-api.js";
import { loadSettings, saveSettings } from "./settings.js";

/**
 * The APIs a run may call, one checkbox each (all ticked at first; what the
 * user unticks is remembered), and the declarations of the ticked ones. An
 * API the host cannot offer now is shown disabled with its reason.
 * `onChange` runs after each change of the selection.
 */
export interface ApiPicker {
  /** The names ticked now; undefined until the list has loaded, which the host takes as every API. */
  selected(): string[] | undefined;
}

export function createApiPicker(api: HostApi, holder: HTMLFieldSetElement, types: HTMLElement, onChange: () => void): ApiPicker {
  const boxes: HTMLInputElement[] = [];
  let loaded = false;
  const selected = () => (loaded ? boxes.filter((box) => box.checked && !box.disabled).map((box) => box.value) : undefined);

  const showTypes = async () => {
    const names = selected() ?? [];
    types.textContent = names.length === 0 ? "// No API selected." : await api.types(names).catch((error: Error) => `// ${error.message}`);
  };

  const changed = () => {
    saveSettings({ ...loadSettings(), unticked: boxes.filter((box) => !box.checked).map((box) => box.value) });
    void showTypes();
    onChange();
  };

  const box = (summary: ApiSummary, unticked: readonly string[]): HTMLLabelElement => {
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = summary.name;
    input.checked = !unticked.includes(summary.name);
    input.disabled = summary.unavailable !== undefined;
    input.addEventListener("change", changed);
    boxes.push(input);
    const label = document.createElement("label");
    label.title = summary.unavailable ?? summary.description;
    label.append(input, ` ${summary.name}`);
    return label;
  };

  api
    .apis()
    .then((summaries) => {
      const { unticked } = loadSettings();
      holder.replaceChildren(holder.querySelector("legend")!, ...summaries.map((summary) => box(summary, unticked)));
      loaded = true;
      void showTypes();
      onChange();
    })
    .catch((error: Error) => {
      holder.replaceChildren(holder.querySelector("legend")!, `Could not load the APIs: ${error.message}`);
    });
  return { selected };
}
