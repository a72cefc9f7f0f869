import { defineField, defineType } from 'sanity';

/** The guardianship and custody authority of a district: only what a source confirms. */
export const authority = defineType({
  name: 'authority',
  title: 'Guardianship authority',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      validation: (rule) => rule.required().error('Write the official name of the authority.'),
    }),
    defineField({ name: 'address', title: 'Address', type: 'string' }),
    defineField({
      name: 'phone',
      title: 'Phone',
      type: 'string',
      validation: (rule) => rule.regex(/^\+7 \d{3} \d{3} \d{2} \d{2}$/).error('Write the phone as +7 XXX XXX XX XX.'),
    }),
    defineField({ name: 'email', title: 'Email', type: 'email' }),
    defineField({ name: 'hours', title: 'Opening hours', type: 'string' }),
    defineField({ name: 'source', title: 'Where these contacts come from', type: 'source' }),
  ],
});
