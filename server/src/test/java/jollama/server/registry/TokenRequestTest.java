package jollama.server.registry;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The token URL and the text its signature covers, byte for byte as Ollama's Go code makes them (§5). */
class TokenRequestTest {

    @Test
    void theUrlIsGoEncodedWithSortedKeys() {
        TokenRequest request = TokenRequest.of(
                new AuthChallenge("https://ollama.com:443/token", "ollama.com", "repository:library/llama3.2:pull"),
                1_700_000_000L, "q83vEjRWeJCrze8SNFZ4kA");
        assertEquals("https://ollama.com:443/token?nonce=q83vEjRWeJCrze8SNFZ4kA"
                        + "&scope=repository%3Alibrary%2Fllama3.2%3Apull&service=ollama.com&ts=1700000000",
                request.url().toString());
    }

    @Test
    void theSignedTextIsMethodUrlAndTheEmptyBodyHash() {
        TokenRequest request = TokenRequest.of(new AuthChallenge("https://ollama.com/token", "ollama.com", "s"), 5, "n");
        assertEquals("GET,https://ollama.com/token?nonce=n&scope=s&service=ollama.com&ts=5,"
                + TokenAuthority.EMPTY_BODY, request.signedText());
    }

    @Test
    void theRealmsOwnQueryIsKeptAndScopesAreSplitOnSpaces() {
        TokenRequest request = TokenRequest.of(
                new AuthChallenge("https://r.example/auth?b=2&a=x+y&z=%7E", "svc", "repository:a:pull repository:b:pull"),
                1, "n");
        assertEquals("https://r.example/auth?a=x+y&b=2&nonce=n&scope=repository%3Aa%3Apull&scope=repository%3Ab%3Apull"
                + "&service=svc&ts=1&z=~", request.url().toString());
    }

    @Test
    void anEmptyScopeAndServiceAreStillSent() {
        TokenRequest request = TokenRequest.of(new AuthChallenge("http://127.0.0.1:5000/token", "", ""), 1, "n");
        assertEquals("http://127.0.0.1:5000/token?nonce=n&scope=&service=&ts=1", request.url().toString());
    }

    @Test
    void queryEscapeIsGos() {
        assertEquals("-_.~%2A%21%27%28%29+%C3%A9%2F%3A%40", TokenRequest.queryEscape("-_.~*!'() é/:@"));
    }
}
