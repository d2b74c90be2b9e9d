import 'reflect-metadata';
import { ConfigError } from '../config';
import { openCliDatabase } from './cli-database';
import { seedSynthetic, type SyntheticSize } from './synthetic';

/*
 * npm run seed:synthetic -- --communities 20 --compounds 60 --buildings 8 --households 50
 * Adds one synthetic district of that size to DATABASE_URL (or the embedded database).
 */
const USAGE = 'usage: npm run seed:synthetic -- --communities 20 --compounds 60 --buildings 8 --households 50 [--persons 2] [--units 2]';

function parse(argv: string[]): SyntheticSize {
  const values: Record<string, number> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value) || value < 1 || value > 100_000)
      throw new ConfigError(`${argv[i]} ${argv[i + 1] ?? ''} is not understood; ${USAGE}`);
    values[key] = value;
  }
  const known = ['communities', 'compounds', 'buildings', 'households', 'persons', 'units'];
  const unknown = Object.keys(values).find((k) => !known.includes(k));
  if (unknown) throw new ConfigError(`unknown option --${unknown}; ${USAGE}`);
  return {
    communities: values.communities ?? 20,
    compounds: values.compounds ?? 60,
    buildings: values.buildings ?? 8,
    households: values.households ?? 50,
    personsPerHousehold: values.persons ?? 2,
    unitsPerBuilding: values.units ?? 2,
  };
}

async function main(): Promise<void> {
  const size = parse(process.argv.slice(2));
  const { orm, logger, close } = await openCliDatabase();
  try {
    const result = await seedSynthetic(orm.config.getClientUrl(), size, logger);
    logger.info('synthetic district loaded', {
      ...result,
      communityIds: `${result.communityIds[0]}…${result.communityIds[result.communityIds.length - 1]}`,
    });
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`seed:synthetic: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
