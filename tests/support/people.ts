import { blindIndex, seal } from '../../src/core/crypto/sealed';
import { sql } from './databases';

/** Gives a person a phone and/or identity card number directly in the database, sealed and indexed as the API stores them (setup only). */
export async function setPersonalValues(database: string, personId: number, values: { phone?: string; idNumber?: string }): Promise<void> {
  if (values.phone !== undefined)
    await sql(database, 'update person set phone_sealed = $1, phone_index = $2 where id = $3', [
      seal(values.phone),
      blindIndex('phone', values.phone),
      personId,
    ]);
  if (values.idNumber !== undefined)
    await sql(database, 'update person set id_number_sealed = $1, id_number_index = $2 where id = $3', [
      seal(values.idNumber),
      blindIndex('id-number', values.idNumber),
      personId,
    ]);
}
