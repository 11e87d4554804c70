export function generateApiTypes(spec: unknown): Promise<string>;
