// Mocha 12 is an ES module whose CommonJS build sits at `lib/mocha.cjs`, with the same API.
declare module 'mocha/lib/mocha.cjs' {
  import Mocha from 'mocha';
  export default Mocha;
}
