// A form made from a tool's JSON input schema: one labelled field per property, typed by the schema.

import { el } from "./format.js";

let counter = 0;

/**
 * Builds the fields for `schema` into `container` and returns read(), which gives the arguments object
 * or throws an Error naming the field that is wrong.
 */
export function schemaForm(container, schema, idPrefix) {
  const properties = Object.entries(schema?.properties ?? {});
  const required = new Set(schema?.required ?? []);
  const readers = [];

  if (properties.length === 0) {
    container.append(el("p", { className: "field-hint", text: "This tool takes no arguments." }));
  }

  for (const [name, property] of properties) {
    const id = `${idPrefix}-${name}-${++counter}`;
    const hintId = `${id}-hint`;
    const isRequired = required.has(name);
    const type = Array.isArray(property.type) ? property.type.find((t) => t !== "null") : property.type;
    const hint = [property.description, property.format && `format: ${property.format}`, property.examples?.length && `e.g. ${property.examples[0]}`]
      .filter(Boolean).join(" · ");
    // The star stays outside the label, so the field's accessible name is just the property name.
    const label = el("span", { className: "field-label" },
      el("label", { for: id, text: name }),
      isRequired ? el("span", { className: "required", "aria-hidden": "true", title: "required", text: " *" }) : null);
    const hintNode = hint ? el("small", { id: hintId, text: hint }) : null;
    const describedBy = hint ? hintId : undefined;
    let input;
    let read;

    if (Array.isArray(property.enum)) {
      input = el("select", { id, name, required: isRequired, "aria-describedby": describedBy },
        isRequired ? null : el("option", { value: "", text: "(none)" }),
        ...property.enum.map((value) => el("option", { value: JSON.stringify(value), text: String(value) })));
      if (property.default !== undefined) input.value = JSON.stringify(property.default);
      read = () => (input.value === "" ? undefined : JSON.parse(input.value));
    } else if (type === "boolean") {
      input = el("input", { id, name, type: "checkbox", "aria-describedby": describedBy });
      input.checked = property.default === true;
      read = () => input.checked;
      container.append(el("div", { className: "field field-check" }, input, label, hintNode));
      readers.push([name, read]);
      continue;
    } else if (type === "number" || type === "integer") {
      input = el("input", {
        id, name, type: "number", step: type === "integer" ? "1" : "any", required: isRequired, "aria-describedby": describedBy,
        min: property.minimum, max: property.maximum, value: property.default,
      });
      read = () => {
        if (input.value === "") return undefined;
        const value = Number(input.value);
        if (Number.isNaN(value) || (type === "integer" && !Number.isInteger(value))) throw new Error(`${name} must be ${type === "integer" ? "a whole number" : "a number"}.`);
        return value;
      };
    } else if (type === "string" || (type === undefined && !property.properties && !property.items)) {
      const long = (property.maxLength ?? 0) > 200;
      input = el(long ? "textarea" : "input", {
        id, name, type: long ? undefined : "text", required: isRequired, "aria-describedby": describedBy,
        placeholder: property.examples?.[0] ?? "", value: long ? undefined : property.default,
      });
      read = () => (input.value === "" ? undefined : input.value);
    } else {
      // Objects, arrays and anything else: JSON, checked before sending.
      input = el("textarea", { id, name, required: isRequired, "aria-describedby": describedBy, spellcheck: "false", placeholder: type === "array" ? "[ ]" : "{ }" });
      if (property.default !== undefined) input.value = JSON.stringify(property.default, null, 2);
      read = () => {
        if (input.value.trim() === "") return undefined;
        try { return JSON.parse(input.value); } catch { throw new Error(`${name} must be JSON (${type ?? "any value"}).`); }
      };
    }

    container.append(el("div", { className: "field" }, label, input, hintNode));
    readers.push([name, read]);
  }

  return function readArguments() {
    const args = {};
    for (const [name, read] of readers) {
      const value = read();
      if (value !== undefined) args[name] = value;
      else if (required.has(name)) throw new Error(`${name} is required.`);
    }
    return args;
  };
}
