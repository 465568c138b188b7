/* The benchmark's target: a static program that does nothing, so a launch measures the launcher. */
int main(void)
{
	return 0;
}
