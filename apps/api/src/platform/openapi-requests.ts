// The request bodies' schemas as strict as the server: the patterns, integer types, bounds, lengths, list sizes and
// choices that the body classes' class-validator rules enforce, read from those rules, so that the document cannot
// drift from what the validation pipe refuses with 400. What @ApiProperty states itself is kept: it is there on
// purpose (EvidenceRequest.sha256 documents upper-case hex, which a @Transform lowercases before the rule sees it).
import type { INestApplicationContext } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DECORATORS, type OpenAPIObject } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { routeHandlers } from './controller-routes';
import { referencedBy } from './openapi-problems';

/** One rule of class-validator on one property (its ValidationMetadata, which the package's index does not export). */
export type ValidationRule = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** A request DTO class. */
export type RequestClass = abstract new (...args: never[]) => unknown;

/**
 * The class of each request body schema, by schema name: the classes of the controllers' @Body() parameters (the
 * metatype the validation pipe validates), and the classes their properties nest (by @ApiProperty's type, from
 * which @nestjs/swagger made the nested $ref). @nestjs/swagger names a component schema by its class's name, so a
 * requestBody's $ref names its class; a name no @Body class bears (an @ApiBody naming another class) is left out.
 */
export function requestBodyClasses(app: INestApplicationContext, document: OpenAPIObject): Map<string, RequestClass> {
  const bodies = bodyClassesByName(app);
  const found = new Map<string, RequestClass>();
  const walk = (name: string, target: RequestClass | undefined): void => {
    if (target === undefined || target.name !== name || found.has(name)) return;
    found.set(name, target);
    const schema = document.components?.schemas?.[name];
    for (const [property, value] of Object.entries((schema as SchemaObject | undefined)?.properties ?? {})) {
      for (const nested of referencedBy(value)) walk(nested, modelClassOf(target, property));
    }
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const body = (operation as { requestBody?: { content?: Record<string, { schema?: SchemaObject | ReferenceObject }> } }).requestBody;
      const schema = body?.content?.['application/json']?.schema;
      if (schema !== undefined && '$ref' in schema) {
        const name = schema.$ref.split('/').at(-1)!;
        walk(name, bodies.get(name));
      }
    }
  }
  return found;
}

/** Sets on each request body schema the constraints its class's validation rules enforce (see the file's head). */
export function describeRequestConstraints(app: INestApplicationContext, document: OpenAPIObject): void {
  for (const [name, target] of requestBodyClasses(app, document)) {
    const schema = document.components?.schemas?.[name] as SchemaObject | undefined;
    for (const rule of validationRulesOf(target)) {
      const property = schema?.properties?.[rule.propertyName];
      if (property === undefined || '$ref' in property) continue;
      // A rule with `each` checks every item of a list. The items' schema may be a constant several properties
      // share (NAME_ITEMS), so it is copied before it is written to.
      if (rule.each && property.items !== undefined && !('$ref' in property.items)) property.items = { ...property.items };
      const constrained = rule.each ? property.items : property;
      if (constrained !== undefined && !('$ref' in constrained)) describeRule(rule, constrained, property);
    }
  }
}

/** class-validator's rules on a class's properties, inherited ones included, whatever their groups. */
export function validationRulesOf(target: RequestClass): ValidationRule[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .filter((rule) => rule.type === ValidationTypes.CUSTOM_VALIDATION);
}

/**
 * Regular expression flags that change what a pattern matches. An OpenAPI pattern has no flags (ECMA-262 syntax,
 * matched as Ajv and most validators do, with `u`), so a rule with one of these is not stated as a pattern: `i`
 * (case), `m` (^ and $ at line ends), `s` (. matching line breaks), `y` (anchored where a previous match ended).
 */
const FLAGS_CHANGING_MEANING = /[imsy]/;

/** The pattern a @Matches rule enforces, or undefined when its flags would make the bare source mean something else. */
export function patternOf(rule: ValidationRule): string | undefined {
  const [pattern, modifiers] = rule.constraints as [RegExp | string, string | undefined];
  const flags = pattern instanceof RegExp ? pattern.flags : (modifiers ?? '');
  if (FLAGS_CHANGING_MEANING.test(flags)) return undefined;
  return pattern instanceof RegExp ? pattern.source : pattern;
}

/** Rules that are a number bound of the value (or of each item), by the schema keyword that states it. */
const VALUE_BOUNDS: Readonly<Record<string, 'minimum' | 'maximum' | 'minLength' | 'maxLength'>> = { min: 'minimum', max: 'maximum', minLength: 'minLength', maxLength: 'maxLength' };
/** Rules that bound a list's length: stated on the property, whatever `each` says. */
const LIST_BOUNDS: Readonly<Record<string, 'minItems' | 'maxItems'>> = { arrayMinSize: 'minItems', arrayMaxSize: 'maxItems' };

/** Writes one rule into the schema it constrains (the property, or its items); `property` carries the description. */
function describeRule(rule: ValidationRule, constrained: SchemaObject, property: SchemaObject): void {
  const [first] = rule.constraints ?? [];
  const name = rule.name ?? '';
  const valueBound = VALUE_BOUNDS[name];
  if (valueBound !== undefined) {
    constrained[valueBound] ??= first as number;
    return;
  }
  const listBound = LIST_BOUNDS[name];
  if (listBound !== undefined) {
    property[listBound] ??= first as number;
    return;
  }
  switch (rule.name) {
    case 'matches':
      constrained.pattern ??= patternOf(rule);
      break;
    case 'isISO31661Alpha2':
      // The validator upper-cases before looking the code up, so "id" passes as well as "ID".
      constrained.pattern ??= '^[A-Za-z]{2}$';
      addSentence(property, 'ISO 3166-1', 'An ISO 3166-1 alpha-2 country code such as ID.');
      break;
    case 'isInt':
      if (constrained.type === undefined || constrained.type === 'number') constrained.type = 'integer';
      break;
    case 'isIn':
      constrained.enum ??= [...(first as readonly unknown[])];
      break;
    case 'isUrl': {
      const options = first as UrlOptions | undefined;
      constrained.format ??= 'uri';
      // format uri admits any scheme: the scheme the server requires is stated as a pattern as well.
      if (options?.require_protocol === true) constrained.pattern ??= schemePattern(options.protocols ?? DEFAULT_URL_PROTOCOLS);
      addSentence(property, 'http', urlSentence(options));
      break;
    }
    case 'isTimeZone':
      // Any zone the runtime's Intl knows: too many (and too version-bound) for an enum.
      addSentence(property, 'IANA', 'An IANA time zone such as Asia/Jakarta.');
      break;
    default:
      break;
  }
}

/** The options of @IsUrl (validator's isURL) that the document states. */
interface UrlOptions {
  readonly protocols?: readonly string[];
  readonly require_protocol?: boolean;
}

/** validator's isURL default. */
const DEFAULT_URL_PROTOCOLS = ['http', 'https', 'ftp'];

/** A pattern for a URL starting with one of the schemes, in any case (isURL lower-cases the scheme before comparing). */
function schemePattern(protocols: readonly string[]): string {
  const anyCase = (scheme: string): string =>
    [...scheme].map((c) => (c.toLowerCase() === c.toUpperCase() ? c.replace(/[.+-]/g, '\\$&') : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');
  return `^(?:${protocols.map(anyCase).join('|')})://`;
}

/** What @IsUrl accepts, in words: format uri alone would admit relative references and hosts without a TLD. */
function urlSentence(options: UrlOptions | undefined): string {
  const schemes = (options?.protocols ?? DEFAULT_URL_PROTOCOLS).map((scheme) => `${scheme}://`).join(' or ');
  return `An absolute ${schemes} URL whose host has a top-level domain (or is an IP address)${options?.require_protocol === true ? '' : '; the scheme may be left out'}.`;
}

/** Adds a sentence to a property's description unless the description already speaks of `topic`. */
function addSentence(property: SchemaObject, topic: string, sentence: string): void {
  if (property.description?.includes(topic) === true) return;
  property.description = property.description === undefined ? sentence : `${property.description.replace(/\.?\s*$/, '')}. ${sentence}`;
}

/** The classes of the controllers' @Body() parameters (whole bodies, not @Body('field')), by class name. */
function bodyClassesByName(app: INestApplicationContext): Map<string, RequestClass> {
  const classes = new Map<string, RequestClass>();
  for (const { controller, prototype, name } of routeHandlers(app)) {
    const parameters = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number; data?: unknown }>;
    const types = (Reflect.getMetadata(PARAMTYPES_METADATA, prototype, name) ?? []) as unknown[];
    for (const [key, { index, data }] of Object.entries(parameters)) {
      const type = types[index];
      if (key.split(':')[0] !== String(RouteParamtypes.BODY) || data !== undefined || typeof type !== 'function') continue;
      classes.set(type.name, type as RequestClass);
    }
  }
  return classes;
}

/** The class an @ApiProperty names as a property's type (`type: X`, `[X]` or `() => X`), if it names one. */
function modelClassOf(target: RequestClass, property: string): RequestClass | undefined {
  const options = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target.prototype as object, property) as { type?: unknown } | undefined;
  let type = options?.type;
  // A lazy type (`() => X`) is an arrow function: it has no prototype, where a class has one.
  if (typeof type === 'function' && !('prototype' in type)) type = (type as () => unknown)();
  if (Array.isArray(type)) type = type[0];
  return typeof type === 'function' ? (type as RequestClass) : undefined;
}

