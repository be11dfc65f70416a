// Writes through libstdc++: 250 `std::cout << ... << std::flush`, each one
// write(2) made by libstdc++.so.6 (or by this executable when libstdc++ is
// skipped with --skip-lib libstdc++.so.6).
#include <iostream>

int main()
{
	for (int i = 0; i < 250; i++)
		std::cout << 'x' << std::flush;
	return 0;
}
