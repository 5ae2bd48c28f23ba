// The one doctest main for every test binary. Tests never reach a cloud's
// link-local metadata services (169.254.x.x): the credential chains' last
// resorts are off unless a test points them at a local fake.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  setenv("NO_GCE_CHECK", "true", 1);
  doctest::Context context(argc, argv);
  return context.run();
}
