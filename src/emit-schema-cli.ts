/** `npm run emit-schema`: writes schema.graphql from the code. */
import { emitSchemaFile } from './schema';

emitSchemaFile().then((file) => console.log(`wrote ${file}`), (err) => {
  console.error(err);
  process.exit(1);
});
