// The provider of a resource as `terraform show -json` names it ("registry.terraform.io/hashicorp/aws"):
// the resource's `provider` argument or the implied local name (the type up to its first underscore),
// mapped through the module's required_providers; unlisted names default to the hashicorp namespace.

import type { ModuleDeclarations, ResourceDeclaration } from '../config/module-config.js';

const DEFAULT_HOST = 'registry.terraform.io';

/** Resource types served by Terraform itself rather than a provider. */
const BUILTIN_TYPES = new Set(['terraform_data', 'terraform_remote_state']);

/** The fully qualified provider address of a source string (`hashicorp/aws` → registry.terraform.io/hashicorp/aws). */
export function providerSourceAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `${DEFAULT_HOST}/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `${DEFAULT_HOST}/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

/** The implied provider local name of a resource type. */
export function impliedProviderName(type: string): string {
  const underscore = type.indexOf('_');
  return underscore === -1 ? type : type.slice(0, underscore);
}

/** provider_name of a resource declared in a module. */
export function resourceProviderName(module: ModuleDeclarations, resource: ResourceDeclaration): string {
  if (!resource.provider && BUILTIN_TYPES.has(resource.type)) return 'terraform.io/builtin/terraform';
  const localName = resource.provider?.name ?? impliedProviderName(resource.type);
  const requirement = module.requiredProviders.get(localName);
  if (requirement?.source) return providerSourceAddress(requirement.source);
  return providerSourceAddress(localName);
}
