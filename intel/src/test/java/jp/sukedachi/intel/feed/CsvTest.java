package jp.sukedachi.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void splits() {
        assertThat(Csv.split("\"a\", \"b\", \"c\"")).containsExactly("a", "b", "c");
        assertThat(Csv.split("\"a\",\"b\"")).containsExactly("a", "b");
        assertThat(Csv.split("a,b ,  c")).containsExactly("a", "b", "c");
        assertThat(Csv.split("\"32-bit,elf,mips,Mozi\",\"x\"")).containsExactly("32-bit,elf,mips,Mozi", "x");
        assertThat(Csv.split("\"say \"\"hi\"\"\",\"\"")).containsExactly("say \"hi\"", "");
        assertThat(Csv.split("")).containsExactly("");
        assertThat(Csv.split("a,")).containsExactly("a", "");
        assertThat(Csv.split(",,")).containsExactly("", "", "");
        assertThat(Csv.split("2024-07-19 07:47:19,854c,AsyncRAT C&C")).containsExactly("2024-07-19 07:47:19", "854c", "AsyncRAT C&C");
    }

    @Test
    void rejectsBrokenQuoting() {
        assertThatThrownBy(() -> Csv.split("\"abc")).hasMessage("unterminated quote");
        assertThatThrownBy(() -> Csv.split("\"a\"b,c")).hasMessageStartingWith("text after closing quote");
        assertThatThrownBy(() -> Csv.split("a\"b")).hasMessageStartingWith("quote inside unquoted field");
    }
}
