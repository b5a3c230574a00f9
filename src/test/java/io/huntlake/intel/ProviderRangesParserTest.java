package io.huntlake.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Each provider's published format, told apart by its shape, and looked up by address. */
class ProviderRangesParserTest {
  private static ProviderRangesParser.Contents parse(String text, String provider)
      throws IOException {
    return ProviderRangesParser.parse(new BufferedReader(new StringReader(text)), provider);
  }

  @Test
  void awsIpRangesWithTheirServicesAndTheMostSpecificRangeWinning() throws IOException {
    ProviderRangesParser.Contents aws =
        parse(
            """
            {"syncToken": "1", "createDate": "2026-12-01-00-00-00",
             "prefixes": [
               {"ip_prefix": "3.5.0.0/16", "region": "us-east-1", "service": "AMAZON"},
               {"ip_prefix": "3.5.140.0/22", "region": "us-east-1", "service": "AMAZON"},
               {"ip_prefix": "3.5.140.0/22", "region": "us-east-1", "service": "EC2"}],
             "ipv6_prefixes": [
               {"ipv6_prefix": "2600:1f18::/33", "region": "us-east-1", "service": "EC2"}]}
            """,
            "aws");
    assertThat(aws.format()).isEqualTo("aws-ip-ranges");
    assertThat(aws.ranges()).hasSize(4);
    RangeIndex index = new RangeIndex(aws.ranges());
    assertThat(index.size()).isEqualTo(3);
    assertThat(index.lookup("3.5.141.7").orElseThrow().service()).isEqualTo("AMAZON, EC2");
    assertThat(index.lookup("3.5.1.1").orElseThrow().service()).isEqualTo("AMAZON");
    assertThat(index.lookup("2600:1f18::1").orElseThrow().region()).isEqualTo("us-east-1");
    assertThat(index.lookup("8.8.8.8")).isEmpty();
  }

  @Test
  void azureServiceTags() throws IOException {
    ProviderRangesParser.Contents azure =
        parse(
            """
            {"changeNumber": 1, "cloud": "Public", "values": [
              {"name": "AzureCloud.westeurope", "id": "AzureCloud.westeurope",
               "properties": {"region": "westeurope", "systemService": "",
                              "addressPrefixes": ["20.50.0.0/18", "2603:1020::/47"]}},
              {"name": "AzureKubernetesService", "properties": {"systemService": "AzureKubernetesService",
                              "addressPrefixes": ["20.50.2.0/24", "bogus"]}}]}
            """,
            "azure");
    assertThat(azure.format()).isEqualTo("azure-service-tags");
    assertThat(azure.ranges()).hasSize(3);
    assertThat(azure.problems()).hasSize(1);
    RangeIndex index = new RangeIndex(azure.ranges());
    assertThat(index.lookup("20.50.2.9").orElseThrow().service())
        .isEqualTo("AzureKubernetesService");
    assertThat(index.lookup("20.50.9.9").orElseThrow().service())
        .isEqualTo("AzureCloud.westeurope");
  }

  @Test
  void googleCloudJsonAndAPlainList() throws IOException {
    ProviderRangesParser.Contents google =
        parse(
            """
            {"syncToken": "1", "prefixes": [
              {"ipv4Prefix": "34.1.208.0/20", "service": "Google Cloud", "scope": "africa-south1"},
              {"ipv6Prefix": "2600:1900:8000::/44", "service": "Google Cloud", "scope": "us-east1"}]}
            """,
            "gcp");
    assertThat(google.format()).isEqualTo("google-cloud-json");
    assertThat(google.ranges()).extracting(AddressRange::region).contains("africa-south1");
    ProviderRangesParser.Contents list =
        parse("# ours\n192.0.2.0/24\n198.51.100.0/24 office\n", "corp");
    assertThat(list.format()).isEqualTo("list");
    assertThat(list.ranges())
        .extracting(AddressRange::range)
        .containsExactly("192.0.2.0/24", "198.51.100.0/24");
  }
}
